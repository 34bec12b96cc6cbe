"""Vietnamese number format: Django's own leaves out the grouping, so 20000 lost its dot.

Only what Django's ``vi`` formats lack; the rest comes from them. Grouping is applied
where a template asks for it (``intcomma``), not to every number (years, record numbers):
``USE_THOUSAND_SEPARATOR`` stays off.
"""

NUMBER_GROUPING = 3
