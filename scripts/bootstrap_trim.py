"""Make the public pages' Bootstrap: its stylesheet without the rules those pages never use.

    .venv/bin/python scripts/bootstrap_trim.py

Reads static/vendor/bootstrap/bootstrap.min.css and writes bootstrap.public.min.css beside it,
keeping every rule whose class names all occur in the public pages' templates (PUBLIC_TEMPLATES,
with what they include) or in EXTRA_CLASSES, and every rule that names no class (the reboot, the
variables). A phone parses a sixth of the stylesheet before it paints. A class added to a public
template takes a new run of this script; tests/test_page_weight.py checks that none is missing.
"""

import re
from pathlib import Path

import tinycss2

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP = ROOT / "static" / "vendor" / "bootstrap"
TEMPLATES = ROOT / "templates"
PUBLIC_TEMPLATES = [
    "base.html",
    "partials/navbar.html",
    "partials/messages.html",
    "reports/home.html",
    "reports/organisation.html",
]
# Classes the templates spell with a variable or that scripts toggle.
EXTRA_CLASSES = {
    *(f"alert-{level}" for level in ("success", "info", "warning", "danger")),
    "show",  # the navbar's menu when open (static/js/navbar.js)
    "unbroken",  # names, set by the |unbroken filter (itaportal/templatetags/thai.py)
}
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
CLASS_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")


def public_classes():
    classes = set(EXTRA_CLASSES)
    for name in PUBLIC_TEMPLATES:
        text = re.sub(r"{%.*?%}|{{.*?}}", " ", (TEMPLATES / name).read_text(encoding="utf-8"))
        for attribute in CLASS_ATTRIBUTE.findall(text):
            classes.update(attribute.split())
    return classes


def _selectors_kept(prelude, classes):
    selectors = tinycss2.serialize(prelude).split(",")
    return [s for s in selectors if set(CLASS_SELECTOR.findall(s)) <= classes]


def rules_trim(rules, classes):
    """The serialized rules, those naming a class outside ``classes`` left out."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors_kept(rule.prelude, classes)
            if selectors:
                body = tinycss2.serialize(rule.content)
                kept.append(f"{','.join(s.strip() for s in selectors)}{{{body}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container"):
            inner = rules_trim(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                classes,
            )
            if inner:
                kept.append(
                    f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}"
                )
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append(tinycss2.serialize([rule]))
    return kept


def stylesheet_trim():
    """The text of bootstrap.public.min.css."""
    source = (BOOTSTRAP / "bootstrap.min.css").read_text(encoding="utf-8")
    licence = re.search(r"/\*!.*?\*/", source, re.DOTALL)[0]
    rules = tinycss2.parse_stylesheet(source, skip_comments=True, skip_whitespace=True)
    trimmed = "".join(rules_trim(rules, public_classes()))
    note = "/* Trimmed to the public pages by scripts/bootstrap_trim.py */"
    return f'@charset "UTF-8";{licence}\n{note}\n{trimmed}\n'


def main():
    target = BOOTSTRAP / "bootstrap.public.min.css"
    target.write_text(stylesheet_trim(), encoding="utf-8")
    full = (BOOTSTRAP / "bootstrap.min.css").stat().st_size
    print(f"{target.name}: {target.stat().st_size / 1024:.1f} KiB of {full / 1024:.1f}")


if __name__ == "__main__":
    main()
