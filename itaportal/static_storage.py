"""Static files storage for production: whitenoise's hashed, compressed copies."""

import re

from whitenoise.storage import CompressedManifestStaticFilesStorage

# RFC 3986's scheme; Django's own test (^[a-z]+:) misses schemes with a hyphen or digit.
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Leaves URLs with a scheme alone, such as pdf.css's ``ita-asset:`` fonts.

    pdf.css is read by the PDF renderer from static/ (reports/pdf.py), which serves those URLs
    itself; without this, collectstatic fails looking for a file named ``ita-asset:font/…``."""

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            if _SCHEME.match(matchobj["url"]):
                return matchobj["matched"]
            return convert(matchobj)

        return converter
