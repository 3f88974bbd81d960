# Django's Vietnamese YEAR_MONTH_FORMAT is "F Y", which prints "Tháng 5 2021"; Vietnamese says
# the year with "năm" (as Django's own DATE_FORMAT for vi does): "Tháng 5 năm 2021". Every
# other Vietnamese format is Django's (a format module here only overrides what it defines).
YEAR_MONTH_FORMAT = r"F \n\ă\m Y"
