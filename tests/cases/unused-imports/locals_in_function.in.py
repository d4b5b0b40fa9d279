def render(template):
    import json
    return template.format(**locals())
