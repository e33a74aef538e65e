"""Hong Kong date and time formats, one module per language (settings.FORMAT_MODULE_PATH).

Django's own English formats are American ("April 13, 2025", "12/05/2026", "5:03 p.m."),
which a Hong Kong reader takes for 12 May, and "p.m." ends a sentence with "p.m..". Here:
day before month, the month in words wherever it fits, and a 24-hour clock in every
language. Templates keep naming the formats (``|date:"DATE_FORMAT"``); this package
decides what they look like. Both Chinese scripts write dates the same way.
"""
