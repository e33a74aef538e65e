"""English as written in Hong Kong: "13 April 2025", "17:03" (see pavilion.formats)."""

DATE_FORMAT = "j F Y"  # 13 April 2025
TIME_FORMAT = "H:i"  # 17:03
DATETIME_FORMAT = "j F Y H:i"  # 13 April 2025 17:03
YEAR_MONTH_FORMAT = "F Y"  # April 2025
MONTH_DAY_FORMAT = "j F"  # 13 April
# The month in words even when short: "05/12/2026" is read both ways.
SHORT_DATE_FORMAT = "j M Y"  # 13 Apr 2025
SHORT_DATETIME_FORMAT = "j M Y H:i"  # 13 Apr 2025 17:03
FIRST_DAY_OF_WEEK = 0  # Sunday, as Hong Kong calendars print it

# What forms accept: ISO first (the form widgets show it), then day-first numbers; never
# month-first.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2025-04-13
    "%d/%m/%Y",  # 13/04/2025
    "%d/%m/%y",  # 13/04/25
    "%d %b %Y",  # 13 Apr 2025
    "%d %B %Y",  # 13 April 2025
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 17:03
    "%H:%M:%S",  # 17:03:59
    "%H:%M:%S.%f",  # 17:03:59.000200
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2025-04-13 17:03:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2025-04-13 17:03:59.000200
    "%Y-%m-%d %H:%M",  # 2025-04-13 17:03
    "%d/%m/%Y %H:%M:%S",  # 13/04/2025 17:03:59
    "%d/%m/%Y %H:%M",  # 13/04/2025 17:03
    "%d %B %Y %H:%M",  # 13 April 2025 17:03
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
