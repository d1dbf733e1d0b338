"""A result laid out as people read it: tool → indicator → sub-indicator → question, each node
with its label, score and (on the entry form) its field. One layout for the form, the preview
and the result page."""

import dataclasses
from dataclasses import dataclass

from itaportal import thai

from .scoring import indicator_key, question_key, sub_key, tool_key


@dataclass
class Node:
    key: str
    label: str
    obj: object
    level: str  # "tool", "indicator", "sub", "question"
    score: object = None
    typed: bool = False
    bound_field: object = None
    children: list = dataclasses.field(default_factory=list)


def label_of(obj, level):
    if level == "tool":
        return f"{obj.code} {obj.name_th}".strip()
    if level == "indicator":
        return f"ตัวชี้วัดที่ {thai.to_thai_digits(obj.number)} {obj.name_th}".strip()
    if level == "sub":
        return f"{thai.to_thai_digits(obj.number)} {obj.name_th}".strip()
    return f"{thai.format_question_code(obj.code)} {obj.text_th}".strip()


def labels(shape):
    """Score key → the label of its form field (a question's is its code alone)."""
    return {
        node.key: thai.format_question_code(node.obj.code)
        if node.level == "question"
        else node.label
        for node in walk(result_tree(shape))
    }


def result_tree(shape, *, scores=None, typed=(), form=None):
    """The framework's tree with the scores given (a dict key → Decimal) and the form's fields."""
    scores = scores or {}

    def node(obj, level, key):
        made = Node(key=key, label=label_of(obj, level), obj=obj, level=level)
        made.score, made.typed = scores.get(key), key in typed
        made.bound_field = form.bound(key) if form is not None else None
        return made

    tools = []
    for tool in shape.tools:
        tool_node = node(tool, "tool", tool_key(tool))
        for ind in shape.indicators_of[tool.pk]:
            ind_node = node(ind, "indicator", indicator_key(ind))
            for sub in shape.subs_of[ind.pk]:
                sub_node = node(sub, "sub", sub_key(sub))
                sub_node.children = [
                    node(q, "question", question_key(q)) for q in shape.questions_of_sub[sub.pk]
                ]
                ind_node.children.append(sub_node)
            ind_node.children += [
                node(q, "question", question_key(q))
                for q in shape.questions_of_indicator[ind.pk]
                if q.sub_indicator_id is None
            ]
            tool_node.children.append(ind_node)
        tool_node.children += [
            node(q, "question", question_key(q)) for q in shape.loose_questions_of[tool.pk]
        ]
        tools.append(tool_node)
    return tools


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.children)
