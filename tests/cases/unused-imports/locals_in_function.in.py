def render(template):
    return template.format(**locals())
