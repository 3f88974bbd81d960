from django import template

from site_pages.question_answers import asker_line as line_for

register = template.Library()


@register.simple_tag
def asker_line(question):
    """How a quoted question is introduced: the asker's first name only when they agreed."""
    return line_for(question)
