"""Simplified Chinese: dates and times written as in Traditional (see pavilion.formats)."""

DATE_FORMAT = "Y年n月j日"  # 2025年4月13日
TIME_FORMAT = "H:i"  # 17:03
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2025年4月13日 17:03
YEAR_MONTH_FORMAT = "Y年n月"  # 2025年4月
MONTH_DAY_FORMAT = "n月j日"  # 4月13日
SHORT_DATE_FORMAT = "Y年n月j日"  # 2025年4月13日
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"  # 2025年4月13日 17:03
FIRST_DAY_OF_WEEK = 0  # 星期日

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2025-04-13
    "%Y/%m/%d",  # 2025/04/13
    "%Y年%m月%d日",  # 2025年4月13日
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
    "%Y/%m/%d %H:%M",  # 2025/04/13 17:03
    "%Y年%m月%d日 %H:%M",  # 2025年4月13日 17:03
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
