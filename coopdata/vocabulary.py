"""The words the extractors read: comparators, metric cues, sectors, time cues.

New wording in a real text means a new row here, not new code. Every pattern is
matched on normalised text (NFC, one tone convention), case-insensitively.
"""
from __future__ import annotations

import re

from .folded import Folded, union

I = re.IGNORECASE

ORG = r"(?:hợp tác xã|HTX)"
GROUP = r"(?:tổ hợp tác|THT)"
UNION = r"(?:liên hiệp hợp tác xã|liên hiệp HTX|liên hiệp|LHHTX|LH HTX|liên HTX|liên hợp tác xã)"
KTTT = r"(?:tổ chức kinh tế tập thể|tổ chức KTTT|kinh tế tập thể|KTTT)"
# the country's own bodies: their documents are national ones (a plan's metadata, the date of an act a page cites)
NATIONAL_ACTOR = (r"(?:Thủ tướng|Phó Thủ tướng|Chính phủ|Bộ Chính trị|Ban Chấp hành Trung ương|Quốc hội|Ban Bí thư"
                  r"|Liên minh (?:HTX|[Hh]ợp tác xã) Việt Nam)")

# comparator words immediately before a number (the last words of the left context)
COMPARATOR_BEFORE: list[tuple[str, Folded]] = [
    ("lte", Folded(r"(?:tối đa|không quá|không vượt quá)\s*(?:là\s*)?$")),
    ("gte", Folded(r"(?:(?:ít nhất|tối thiểu)(?:\s+(?:có|là|phải có|đạt))?|không dưới|không ít hơn|từ)\s*(?:là\s*)?$")),
    ("gt", Folded(r"(?:trên|hơn|vượt|vượt mức|vượt trên|cao hơn)\s*$")),
    ("approx", Folded(r"(?:khoảng|gần|xấp xỉ|ước khoảng|ước|vào khoảng|chừng)\s*(?:từ\s*)?$")),
    ("lt", Folded(r"(?:dưới|còn dưới|xuống dưới|về dưới|thấp hơn)\s*$")),
]
# whether any of them matches (one scan; most numbers follow none): their union, run by the same Folded path
ANY_COMPARATOR_BEFORE = union([p for _, p in COMPARATOR_BEFORE])
# "từ N trở lên", "N HTX trở lên": a few words after the number, no rating word between
TRO_LEN_AFTER = re.compile(r"^[^\d;:.()]{0,30}?\btrở lên\b", I)
TRO_LEN_BLOCKERS = re.compile(r"\b(?:khá|tốt|giỏi|trung bình|cấp|sao|học|đẳng)\b", I)

# Flows: founding new organisations
NEW_VERB = Folded(
    r"(?:thành lập mới|phát triển mới|lập mới|thành lập thêm|lập thêm|thành lập|"
    r"có thêm|phát triển thêm|hình thành mới|hình thành|xây dựng mới|thêm|lập)\b", strict=True)
NEW_AFTER_LIST = re.compile(r"^\s*(?:[^\s,;]+\s+){0,5}?(?:được thành lập mới|được lập mới)", I)
# "phát triển N HTX" alone names a stock to reach ("Đề án phát triển 15.000 HTX hoạt động hiệu quả"); helped into being
# ("hỗ trợ phát triển gần 500 tổ hợp tác"), or with "thêm", it founds new ones
NEW_VERB_NEAR = Folded(r"(?:(?:hỗ trợ|vận động|tư vấn|khuyến khích)(?: và)? phát triển|phát triển thêm|hình thành|lập)\s+"
                       r"(?:thêm\s+)?(?:từ\s+|tối thiểu\s+|ít nhất\s+|khoảng\s+|gần\s+|hơn\s+|trên\s+)?$", strict=True)
# (a founding verb followed by a number of its own founds that next item: "nâng tổng số HTX lên 1.760 HTX và thành lập
# mới 6 liên hiệp")
NEW_AFTER = re.compile(r"^\s*(?:[^\s,;]+\s+){0,4}?(?:(?:được thành lập mới|được thành lập|được lập mới|thành lập mới)"
                       r"(?!\s+(?:(?:từ|khoảng|ít nhất|tối thiểu|trên|hơn|gần)\s+)?\d)|ra đời|"
                       r"(?<!đổi )(?<!kiểu )(?<!sáng tạo )(?<!lập )mới\b)", I)  # "ứng dụng đổi mới công nghệ" is innovation, not new

# Words that mark a number as a past result or the current state, not an aim
PAST = Folded(
    r"\b(?:hiện nay|(?<!htx )(?<!hợp tác xã )(?<!tổ hợp tác )(?<!tht )hiện có|(?:htx|hợp tác xã|tổ hợp tác|tht) hiện có(?=[^.;,\d]{0,12}\d)|hiện tại|hiện toàn|tại thời điểm|tính đến (?:hết |cuối )?(?:ngày|tháng|thời điểm)|tính hết (?:ngày|tháng|năm)|(?<!nay )(?:đến|tới) (?:hết |cuối )?tháng \d{1,2}[/-]20\d\d,? (?!(?:\S+\s+){0,3}?(?:phấn|sẽ|cần|phải|hoàn thành))|(?<!tiêu )tính (?:đến|tới) (?:hết |cuối )?năm|"
    r"theo thống kê|thống kê cho thấy|theo số liệu|"
    r"số liệu nền|ghi chú|kết quả đạt|kết quả thực hiện|đã thành lập|đã có|đã hỗ trợ|đã giải thể|"
    r"so với cùng kỳ|tới cuối năm \d{4}|(?<!đến )cuối năm \d{4},? (?:toàn tỉnh|cả tỉnh|thành phố)?\s*(?:đã|có)|"
    r"(?<!đến )(?<!tới )(?<!hết )(?<!vào )(?<!mốc )(?<!cuối )năm \d{4},? (?:(?:toàn tỉnh|cả tỉnh|toàn thành phố|cả nước|toàn huyện|tỉnh|thành phố|huyện)(?:\s+(?!phấn|sẽ|dự|cần|phải|đặt|đề|hướng|mục)\S+){0,3}?\s+)?(?:đã|có(?= \d))|trong năm qua|năm qua|vừa qua|thực trạng|ước đạt|ước thực hiện|"
    r"ước (?:cả )?năm|ước có|hiện còn|thời điểm (?:đưa tin|hiện tại|báo cáo|ban hành|xây dựng)|hiện trạng|kết quả năm|kết quả (?:thực hiện|đánh giá)|số liệu|hiện tỉnh|"
    r"hiện thành phố|hiện huyện|đang có|đã cơ bản|theo báo cáo|(?:đến|tính đến|tới) ngày \d{1,2}/\d{1,2}/\d{4}|từ đầu năm|đến nay)")
PLAN_SHARE = re.compile(r"^\s*%?\s*(?:so với )?(?:kế hoạch|chỉ tiêu|KH\b)", I)

# Sector words, for headings that scope a block and for phrases right after a noun (strict Folded patterns: they
# match exactly what the IGNORECASE patterns they replace matched)
SECTORS: list[tuple[str, Folded]] = [
    ("non_agriculture", Folded(r"phi nông nghiệp", strict=True)),
    ("agriculture", Folded(r"nông nghiệp|nông,? lâm|nông lâm|thủy sản|nông, lâm, ngư|lâm nghiệp", strict=True)),
    ("credit", Folded(r"tín dụng|QTDND|quỹ tín dụng", strict=True)),
    ("transport", Folded(r"vận tải|giao thông", strict=True)),
    ("industry_handicraft", Folded(r"tiểu thủ công nghiệp|công nghiệp|thủ công", strict=True)),
    ("trade_services", Folded(r"thương mại|dịch vụ", strict=True)),
    ("construction", Folded(r"xây dựng", strict=True)),
    ("environment", Folded(r"môi trường", strict=True)),
]

# a level of education reached, and training in courses (see the trained_* cues below); "đào tạo" alone is formal
# training, the way to a level ("60% cán bộ chủ chốt HTX được đào tạo")
EDUCATION_LEVEL = r"(?<!nâng )(?<!nâng cao )trình độ|cao đẳng|đại học|sơ cấp|trung cấp|tốt nghiệp|\bbằng\b"
TRAINING = r"bồi dưỡng|tập huấn"

# Metric cues for percentages, in priority order; matched on the words right after the
# number first, then on the clause before it.
PERCENT_CUES: list[tuple[str, Folded]] = [
    ("weak_coop_share", Folded(r"yếu,? kém|(?<!từ )(?<!từ xếp )loại yếu\b|ngưng,? nghỉ|tồn tại hình thức|trên danh nghĩa|không hoạt động", strict=True)),
    ("population_participation_share", Folded(r"dân số", strict=True)),
    # households taking part are no share of the population (the metric the spec names): kept, as 'other'
    ("other", Folded(r"\bhộ\b[^;.]{0,40}tham gia|hộ nông dân|\bhộ\b[^;.]{0,60}(?:dùng|sử dụng)[^;.]{0,30}dịch vụ", strict=True)),
    ("grdp_share", Folded(r"\bGRDP\b|\bGDP\b", strict=True)),
    ("good_rated_share", Folded(r"loại (?:tốt|khá)|tốt,? khá|khá,? tốt|khá,? giỏi|khá và (?:giỏi|tốt)|giỏi,? khá|tốt và khá|khá trở lên|loại hoạt động (?:tốt|khá)|hoạt động khá|hoạt động tốt|đánh giá tốt|loại khá", strict=True)),
    # ("16 xã chưa có HTX, chiếm 27%" is the communes without one)
    ("communes_with_coops_share", Folded(r"\bxã\b(?:(?!chưa|không)[^;.%]){0,60}(?<!chưa )(?<!không )(?:có|đều có)\s+(?:\S+\s+){0,2}?" + ORG, strict=True)),
    ("ocop_coops", Folded(r"OCOP", strict=True)),
    ("high_tech_coops", Folded(r"công nghệ cao", strict=True)),
    ("digital_adoption_share", Folded(r"chuyển đổi số|thương mại điện tử|công nghệ thông tin|khoa học,? công nghệ|công nghệ số", strict=True)),
    ("value_chain_share", Folded(r"chuỗi|liên kết", strict=True)),
    ("profitable_coop_share", Folded(r"có lãi", strict=True)),
    ("law_compliant_coop_share", Folded(r"(?:vận hành|hoạt động) (?:theo )?đúng quy định|đúng (?:quy định của )?Luật|theo (?:đúng )?(?:quy định của )?Luật|tuân thủ Luật|"
                                        r"đăng ký (?:hoạt động )?theo (?:đúng )?quy định", strict=True)),
    # state officials in charge of the sector are not the cooperatives' managers
    ("other", Folded(r"quản lý nhà nước|công chức", strict=True)),
    # a level of education reached, or formal training, is the managers' qualification ("có trình độ trung cấp",
    # "được đào tạo sơ cấp nghề giám đốc", "được đào tạo"); trained in courses, with no level named, is training
    # coverage ("85% cán bộ quản lý HTX được đào tạo, bồi dưỡng", "tập huấn"): the spec's trained_coop_staff, in
    # percent (a share keeps its metric)
    # young graduates brought to work in cooperatives ("12% số HTX có lao động trẻ tốt nghiệp cao đẳng, đại học về
    # làm việc"): a scheme of their own, not the managers' qualification
    ("other", Folded(r"lao động trẻ|trí thức trẻ|sinh viên", strict=True)),
    ("trained_manager_share", Folded(EDUCATION_LEVEL, strict=True)),
    ("trained_coop_staff", Folded(TRAINING, strict=True)),
    ("trained_manager_share", Folded(r"cán bộ|giám đốc|đào tạo", strict=True)),
    ("effective_share", Folded(r"hiệu quả", strict=True)),
    ("dissolved_coops", Folded(r"giải thể", strict=True)),
]

# Growth rates (percent per year): what grows
GROWTH_CUES: list[tuple[str, Folded]] = [
    ("revenue_growth_rate", Folded(r"doanh thu", strict=True)),
    ("profit_growth_rate", Folded(r"lợi nhuận|\blãi\b", strict=True)),
    ("income_growth", Folded(r"thu nhập", strict=True)),
    ("budget_contribution_growth_rate", Folded(r"ngân sách", strict=True)),
    ("member_growth_rate", Folded(r"thành viên", strict=True)),
    ("sector_growth_rate", Folded(r"tăng trưởng", strict=True)),
    ("other", Folded(r"giá trị|vốn góp|vốn điều lệ", strict=True)),
]
GROWTH_WORD = Folded(r"\btăng\b|tăng trưởng", strict=True)

# Money aims: what the amount is
MONEY_CUES: list[tuple[str | None, Folded]] = [
    ("coop_total_revenue", Folded(r"tổng doanh thu|doanh thu (?:toàn|của toàn|cả)", strict=True)),
    ("avg_coop_revenue", Folded(r"doanh thu", strict=True)),
    ("avg_member_income", Folded(r"thu nhập", strict=True)),
    ("avg_coop_profit", Folded(r"lợi nhuận|\blãi\b(?! suất)", strict=True)),
    # capital is no revenue, income or profit ("tổng vốn hoạt động của các HTX là 900 tỷ đồng"): no money aim
    (None, Folded(r"\bvốn\b", strict=True)),
]
# one named cooperative's money ("HTX Nông nghiệp Tân Phú đạt doanh thu 5 tỷ đồng") is no average: a name is two or
# more capitalised words right after HTX (a sector alone, "HTX Nông nghiệp", is one)
NAMED_COOP_MONEY = re.compile(r"(?:HTX|[Hh]ợp tác xã)\s+(?:[A-ZĐÂ]\w*\s+(?:\w+\s+)?){2,5}(?:phấn đấu\s+)?(?:đạt|có)?\s*"
                              r"(?:tổng\s+)?(?:doanh thu|lợi nhuận|thu nhập|lãi)\b")
# a size class, not an average: "9 HTX có doanh thu từ 2 tỷ đồng trở lên" counts cooperatives above a line
# (matched on the words since the number before, or since a clause start)
MONEY_SIZE_CLASS = re.compile(r"(?:^|\d[\d.,]*)\s*(?:HTX|hợp tác xã)\s+(?:\w+\s+){0,3}?(?:có|đạt)\s+(?:mức\s+)?"
                              r"(?:doanh thu|lợi nhuận)(?:\s+(?:bình quân|đạt))?\s*(?:trên|từ|dưới|hơn|khoảng)?\s*$", I)
# income "of a cooperative" is its earnings, not its members' income ("thu nhập bình quân HTX là 4 tỷ đồng")
COOP_INCOME = re.compile(r"thu nhập (?:bình quân )?(?:của )?(?:mỗi |một |01 )?(?:HTX|hợp tác xã)\b"
                         r"(?!\s*(?:thành viên|lao động|người|xã viên))", I)
# an amount per cooperative group or per union is not a cooperative's average ("bình quân một liên hiệp HTX đạt …")
MONEY_OTHER_UNIT = Folded(r"(?:mỗi|một|01) (?:THT|tổ\b|tổ hợp tác|liên hiệp)|/THT|/tổ\b", strict=True)

# whether any cue of a list matches, in one scan: asked before the cues are tried in turn where most texts hold none
ANY_SECTOR = union([p for _, p in SECTORS])
ANY_GROWTH_CUE = union([p for _, p in GROWTH_CUES])
ANY_SPECIFIC_GROWTH_CUE = union([p for metric, p in GROWTH_CUES if metric != "sector_growth_rate"])

# Counts: the noun right after the number
COUNT_HEADS: list[tuple[str, re.Pattern[str]]] = [
    ("union_member_coops", re.compile(r"^(?:" + ORG + r") thành viên", I)),
    ("members", re.compile(r"^(?:thành viên|tổ viên|xã viên)", I)),
    ("unions", re.compile(r"^(?:" + UNION + r")", I)),
    ("orgs_first", re.compile(r"^" + KTTT, I)),
    ("credit_funds", re.compile(r"^(?:QTDND|quỹ tín dụng)", I)),
    ("federations", re.compile(r"^(?:liên đoàn|liên minh)\b", I)),
    ("groups", re.compile(r"^(?:" + GROUP + r"|tổ(?! chức)\b)", I)),
    ("models", re.compile(r"^mô hình", I)),
    ("coops", re.compile(r"^(?:" + ORG + r"|đơn vị)", I)),
    ("trained", re.compile(r"^lượt", I)),
    ("workers", re.compile(r"^lao động", I)),
    ("orgs", re.compile(r"^" + KTTT, I)),
    ("people", re.compile(r"^người\b", I)),
]
# all the heads in one pattern, tried in their order at the start of a text (each holds no group of its own): the
# first that matches is the group that matched
COUNT_HEAD = re.compile("|".join(f"(?P<h{i}>{p.pattern})" for i, (_, p) in enumerate(COUNT_HEADS) if not p.groups), I)
assert COUNT_HEAD.groups == len(COUNT_HEADS)
# subject named before the number: "số HTX toàn tỉnh đạt 900", "tổng số liên hiệp lên 7"
COUNT_SUBJECT_BEFORE: list[tuple[str, re.Pattern[str]]] = [
    ("members", re.compile(r"(?:số|tổng số|quy mô) thành viên", I)),
    ("unions", re.compile(r"(?:số|tổng số)(?: lượng)? " + UNION, I)),
    ("groups", re.compile(r"(?:số|tổng số)(?: lượng)? " + GROUP, I)),
    ("coops", re.compile(r"(?:số|tổng số)(?: lượng)? " + ORG, I)),
    ("high_tech", re.compile(r"công nghệ cao", I)),
]
# qualities of counted organisations, read in the words after the head noun
COUNT_QUALITIES: list[tuple[str, Folded]] = [
    ("ocop_coops", Folded(r"OCOP", strict=True)),
    ("high_tech_coops", Folded(r"công nghệ cao", strict=True)),
    ("digital_adoption_share", Folded(r"chuyển đổi số|thương mại điện tử|công nghệ số", strict=True)),
    ("value_chain_share", Folded(r"chuỗi giá trị|chuỗi liên kết|liên kết chuỗi|gắn kết chuỗi|"
                                     r"(?:liên kết|hợp tác|gắn kết|gắn) với (?:các )?doanh nghiệp", strict=True)),
    ("model_coops", Folded(r"kiểu mới|điển hình|mô hình", strict=True)),
    ("ica_top300_orgs", Folded(r"300 hợp tác xã lớn nhất|300 HTX lớn nhất", strict=True)),
]
DISSOLVE = Folded(r"giải thể|xử lý dứt điểm|dứt điểm|\bxử lý\b", strict=True)

# Frequency and time
ANNUAL = Folded(r"hằng năm|hàng năm|mỗi năm|bình quân (?:mỗi )?năm|/năm\b|một năm", strict=True)
YEAR_PHRASE = Folded(
    r"(?P<cue>đến hết năm|đến cuối năm|đến năm|tới năm|vào năm|trong năm|cuối năm|hết năm|mốc năm|mốc|"
    r"tầm nhìn đến năm|tầm nhìn|năm|giai đoạn|đến|tới|(?:mục tiêu|chỉ tiêu|cho|trong|\() nhiệm kỳ|\(nhiệm kỳ|cuối kỳ \()\s*(?P<y1>20[0-6]\d)(?!\d)"
    r"(?:\s*[-–]\s*(?P<y2>20[0-6]\d)(?!\d))?")
YEAR_NOT_SCOPE = Folded(r"(?:luật[^.;]{0,40}|so với(?: mức)?(?: năm)?|\bmức(?: năm)?|khóa|ngày \d{1,2} tháng \d{1,2})\s*$")
# words that may open a paragraph before the year phrase that scopes it ("Theo đó, đến năm 2025, ...")
PARAGRAPH_OPENER = re.compile(r"^(?:(?:theo đó|cụ thể|trong đó|đồng thời|ngoài ra|bên cạnh đó|mục tiêu|"
                              r"phấn đấu|kế hoạch đặt ra|kế hoạch nêu rõ|kế hoạch đề ra)\s*[,:]?\s*)+", I)
PERIOD_CUES = re.compile(r"đến|tới|mốc|giai đoạn|tầm nhìn|cuối kỳ|hết|nhiệm kỳ", I)

# Sections whose numbers are results, diagnoses or budgets, not aims
PAST_SECTION = re.compile(r"KẾT QUẢ|THỰC TRẠNG|TỒN TẠI|HẠN CHẾ|NGUYÊN NHÂN|ĐÁNH GIÁ|TÌNH HÌNH|KINH PHÍ|BỐI CẢNH|"
                          r"Kết quả|Thực trạng|Tồn tại|Nguyên nhân|Tình hình|Kinh phí", 0)
AIM_SECTION = re.compile(r"MỤC TIÊU|CHỈ TIÊU|KẾ HOẠCH|NHIỆM VỤ|ĐỊNH HƯỚNG|GIẢI PHÁP|Mục tiêu|Chỉ tiêu|Định hướng", 0)
# A line whose lead names an award ("Để đạt được danh hiệu “Ngôi sao HTX”, các đơn vị phải đạt các tiêu chí như: …"):
# the figures after it are the award's criteria, not aims
AWARD_LEAD = Folded(r"danh hiệu|khen thưởng|xét tặng|bình chọn|giải thưởng", strict=True)
# Clauses that state thresholds or support levels, not aims
NOT_AIM = Folded(r"khen thưởng|được xét|đủ điều kiện|để (?:hoàn thành|đạt(?: được)?) tiêu chí|điều kiện (?:để|được|hưởng)|mức hỗ trợ|hỗ trợ tối đa|tiêu chí xét|vốn điều lệ|kinh phí|"
                     r"ngân sách (?:trung ương|địa phương|tỉnh)|tổng nguồn vốn|vay vốn")
PER_UNIT_AFTER = re.compile(r"^\s*/\s*(?:xã|huyện|phường|thôn|quận|đơn vị)\b", I)
PER_UNIT = Folded(r"(?:mỗi|bình quân mỗi|bình quân một|một)\s+(?:xã|huyện|phường|thôn|quận|thị trấn|đơn vị cấp)", strict=True)
# Page furniture: lists of related articles, reader comments, menus
FURNITURE_HEAD = Folded(r"không thuộc (?:khu vực )?(?:KTTT|kinh tế tập thể)|để đối chiếu|^(?:Tin liên quan|Bài liên quan|Tin cùng chuyên mục|Xem thêm|Các tin khác|Tin khác|Đọc thêm)\b", strict=True)
PAST_LEAD = re.compile(r"^\W*(?:kết quả|hiện trạng|thực trạng|số liệu|tình hình)\b", I)
