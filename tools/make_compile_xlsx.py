"""Write Jing'an's compilation division tables (the 14th plan's 编制 work plan, attachments
1-1 and 1-2) as the xlsx a commission office would send.

The data is a hand-cleaned transcription of the seed (003): cells the extraction split
over lines are rejoined. Attachment 1-1 keeps the commission's own 部门分工 wording
("…牵头，…等部门配合"); the form folder says how to read it. Attachment 1-2 keeps each
topic's 研究重点 as one cell with its (1)(2)… items. Numbers restart in each part, as the
commission numbered them.

Run: python tools/make_compile_xlsx.py [OUT_DIR]   (default: resources/demo/compile)
"""

# ruff: noqa: E501  (transcribed cell texts are long lines by nature)
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_demo_xlsx import _save as save  # noqa: E402  (byte-identical saving, shared)

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo" / "compile"
DIVISION_FILE = "附件1-1-前期研究课题部门分工.xlsx"
GUIDANCE_FILE = "附件1-2-前期重大课题研究指南.xlsx"
FIXED_TIME = datetime(2019, 5, 6, 9, 0, 0)

GENERAL = "一、“十四五”规划基本思路研究总课题"
FIELDS = "二、重点领域专项课题"
T1, T2, T3 = "（一）服务功能更加凸显专题", "（二）城区品质更加卓越专题", "（三）治理体系更加完善专题"

# (part, theme, number, topic, division as written, 研究重点 as written)
TOPICS: tuple[tuple[str, str, int, str, str, str], ...] = (
    (GENERAL, "", 1, "“十四五”静安经济社会发展的阶段性特征、规划主题主线和总体目标研究",
     "区发展改革委牵头，区委研究室、区规划资源局等部门配合",
     "（1）回顾静安“十三五”时期经济社会发展现状和阶段性特征，概括经验得失。（2）对标国际最高标准、最好水平，对比国际大都市中心城区的发展历程，总结发展规律，多角度分析梳理“十四五”静安经济社会发展的阶段性特征，研究提出“十四五”静安经济社会发展主题主线。（3）分析静安在全国、长三角一体化、上海经济社会发展大格局中的地位、作用和功能，分析静安的优势及不足，研究高质量发展、高品质生活、打造“中心城区新标杆、上海发展新亮点”的具体内涵。（4）研究提出“十四五”时期，静安按照追求卓越的发展取向、富于创造的实践要求，实现新作为、开创新局面的总体目标和思路举措。"),
    (GENERAL, "", 2, "“十四五”经济社会发展重大短板问题研究（市区联动研究）",
     "区发展改革委牵头，区各相关部门配合",
     "分析研究静安区在“十四五”期间着力推动解决的经济社会发展主要短板问题，提出主要举措及相关市、区级政策诉求。"),
    (GENERAL, "", 3, "“十四五”重点区域发展趋势及潜力地区研究（市区联动研究）",
     "区发展改革委牵头，区规划资源局、区投资办、各相关企业配合",
     "分析研究“十四五”时期，本区“一轴三带”战略推进实施的发展趋势及潜力研究，分类、分层研究拟着力推进更新、开发、提升功能、储备的重点区域。"),
    (GENERAL, "", 4, "“十四五”重点产业发展趋势及潜力增长点研究（市区联动研究）",
     "区发展改革委牵头，区商务委、区文化旅游局、区科委、区金融办、区市场监管局等部门配合",
     "分析研究“十四五”期间静安产业体系发展现状趋势、短板问题，测算主要发展指标，并提出相关重点任务、重大项目和市、区政策诉求。"),
    (GENERAL, "", 5, "“十四五”经济社会发展指标体系研究",
     "区统计局牵头，区各相关部门配合",
     "（1）对接国家和本市发展战略目标，研究提出“十四五”时期，静安构筑“国际静安”优势，率先实现高质量发展、创造高品质生活的指标体系框架，并测算主要指标值。（2）考虑宏观经济形势变化和应对情况，测算多情景下，主要经济社会指标的变动潜力、动力和可能面临的风险，提出相应措施建议。"),
    (GENERAL, "", 6, "“十四五”国际静安发展策略研究",
     "区发展改革委牵头，区委研究室等部门配合",
     "（1）梳理并研究国际前沿的城市中心区域发展理念和规划理念，提出静安区未来发展的借鉴思路。（2）识别并研究国际知名城市中心区域的发展历程，总结其成功和失败的经验教训及核心要素，提出静安区未来发展可供借鉴的经验。（3）制定可供静安区参照的城市中心区域评估体系，对静安区的发展现状进行梳理和评估。（4）提出静安区未来发展的总体定位和阶段性发展目标。（5）提出静安区实现总体发展目标的战略和策略体系。（6）围绕静安区发展的战略目标，进一步落实策略体系，从目标分解、团队组织、管理工具等角度确保策略的可实施性。"),
    (FIELDS, T1, 1, "“十四五”提升全球服务商功能，构建开放型经济新体制的目标思路和重点举措研究（市区联动研究）",
     "区发展改革委牵头，区各相关部门配合",
     "分析研究静安“十四五”时期对接上海扩大开放、自贸区复制推广，提升全球服务商功能，构建开放型经济体制的目标思路和重点举措。"),
    (FIELDS, T1, 2, "“十四五”全力打响“上海服务”品牌的目标思路和重点举措研究",
     "区发展改革委牵头，区商务委、区投资办、行政服务中心等部门、区各相关企业配合",
     "（1）分析静安在承载上海综合服务功能（总部经济、楼宇经济、涉外经济）、优化营商环境、服务经济发展等方面的发展现状和趋势。（2）梳理当前发展中存在的主要障碍和问题，研究分析宏观环境变化对静安服务业发展的新机遇和新要求。（3）提出“十四五”静安打响“上海服务”品牌的发展目标、重点领域和关键环节。（4）紧扣提升城区综合服务功能、优化营商环境、服务经济发展等领域，提出进一步扩大开放、创新制度供给的推进步骤和重点举措。"),
    (FIELDS, T1, 3, "“十四五”全力打响“上海购物”品牌的目标思路和重点举措研究",
     "区商务委牵头，区各相关部门、企业配合",
     "（1）研究提出“十四五”时期商品消费和服务消费领域发展的主要趋势、特点和结构变化。（2）就静安如何把握消费升级，建设具有全球吸引力、影响力和竞争力的国际化消费城市示范区，提出总体思路和重点任务。"),
    (FIELDS, T1, 4, "“十四五”全力打响“上海制造”品牌的目标思路和重点举措研究",
     "区科委牵头，区各相关部门、企业配合",
     "（1）研究分析静安区大数据、云计算和人工智能等领域的发展现状、比较优势、制约因素。（2）研究静安在“十四五”期间融合助力上海全力打响“上海制造”品牌的总体目标思路、重点领域和关键举措。（3）提出静安打造成为科技创新策源的新高地，对接上海“科创中心”建设，参与上海科技协同创新的思路和举措。"),
    (FIELDS, T1, 5, "“十四五”全力打响“上海文化”品牌的目标思路和重点举措研究",
     "区文化旅游局牵头，区商务委、区体育局等部门、区各相关企业配合",
     "（1）研究提出静安加快建成国际文化大都市核心区的总体思路和重点任务。（2）研究提出促进商业、文化、旅游、体育联动融合发展的思路和举措。"),
    (FIELDS, T2, 6, "“十四五”城区空间功能布局优化提升目标思路和重大举措研究（区委专题研究）",
     "区规划资源局牵头，区委研究室、区建设管理委、区房管局、区绿化市容局等部门配合",
     "（1）提出“十四五”时期城市能级提升总体思路，打造世界级的商务环境、全球领先的商业环境、科技创新策源的新高地，助力静安打响“上海购物”、“上海服务”和“上海制造”品牌。（2）提出“十四五”时期历史风貌保护管控和实施机制，研究历史建筑活化利用方案，细化博物馆等四大场馆建设计划，助力静安打响“上海文化”品牌。（3）提出“十四五”时期公共服务设施和公共绿地专项规划落地的总体思路，助力静安提升空间环境品质。（4）从建设创新环境和提升科创能级的角度，提出土地高质量利用的方案和创新机制，进一步助力提高静安土地经济密度，加强制度建设，有效落实土地全生命周期管理。"),
    (FIELDS, T2, 7, "“十四五”持续改善居民居住条件的思路和重大举措研究（区委专题研究）",
     "区建设管理委牵头，区委研究室、区规划资源局、区房管局等部门配合",
     "（1）研究提出“十四五”时期改善居民居住条件的总体思路。（2）积极推动零星地块改造的重大举措和重点项目，研究推进保障机制。（3）推进直管公房全项目修缮和旧住房成套改造的重大举措和重点项目。（4）加大既有多层住宅加装电梯、旧小区“1平方米卫生间”改造等惠民工程实施力度的重大举措和重点项目。"),
    (FIELDS, T2, 8, "“十四五”加强城区精细化管理的目标思路和重大举措研究",
     "区建设管理委牵头，区绿化市容局、区房管局、区科委、区地区办、区应急局、区城市综合运行管理中心、区城管执法局等部门配合",
     "（1）围绕建成最有序、最安全、最干净的中心城区的目标，分析静安打造“城市精细化管理示范区”在规划、建设、管理和服务的全过程存在的不足和原因。（2）围绕健全“路长制”“河长制”等长效管理机制，提升城区治理智能化水平，提出“十四五”加强城市精细化管理，努力保持市容环境常态优良的目标、思路和重点举措。"),
    (FIELDS, T3, 9, "“十四五”深化构建具有静安特色的社会治理模式研究",
     "区地区办牵头，区民政局及各街镇等部门配合",
     "（1）研究提出进一步完善社会治理社会化、法治化、智能化、专业化的对策举措。（2）研究提出加强对社会组织培育和扶持，增强社会组织参与社会治理动力和能力的对策措施。（3）研究提出“十四五”静安社会治理的总体思路、目标指标和重大举措。"),
    (FIELDS, T3, 10, "“十四五”人口管理与人口服务研究",
     "区发展改革委牵头，区商务委、区教育局、区人社局、区卫生健康委、区统计局、区民政局、区委政法委、区公安分局、区城管执法局等部门配合",
     "研究如何合理控制全区人口总量规模，改善人口区域分布，优化人口结构，科学统筹推进人口与经济社会协调发展，合理配置公共服务资源（养老服务、学前教育等）的总体思路和具体举措。"),
    (FIELDS, T3, 11, "“十四五”扩大多领域、多层次、高水平公共服务供给的思路和重大举措研究（区委专题研究）",
     "区发展改革委牵头，区委研究室、区卫生健康委、区教育局、区文化旅游局、区体育局、区商务委、区地区办等部门配合",
     "（1）预判“十四五”时期发展环境、人民期待、科技创新等方面变化趋势对公共服务领域发展的影响，梳理当前社会呼声最高、迫切性最强的公共服务问题和愿望，研究并提出对策。（2）提出“十四五”时期静安构建优质高效卫生健康服务体系的总体思路、目标指标、重点任务。（3）研究提出破解当前实现优质均衡教育资源、创新教育体制改革主要困难及原因，提出“十四五”静安教育事业发展的主要目标、总体思路、重点指标和重点任务。（4）着眼于增加多层次、多样化服务供给，聚焦教育，研究提出文化、体育、社区商业等领域，研究进一步提供精准服务的举措。"),
)

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def _sheet(ws: Worksheet, label: str, title: str, header: tuple[str, str, str],
           body: list[tuple[str, str, str] | str]) -> None:
    """Label row, merged title, header, then rows; a str is a merged part/theme line."""
    ws.append([label])
    ws.append([title])
    ws.merge_cells("A2:C2")
    ws["A2"].font = Font(name="方正小标宋简体", size=16)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append(list(header))
    for line in body:
        if isinstance(line, str):
            ws.append([line])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=3)
        else:
            ws.append(list(line))
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.border, cell.alignment = BOX, WRAP
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 60


def _body(column: int) -> list[tuple[str, str, str] | str]:
    body: list[tuple[str, str, str] | str] = []
    part = theme = ""
    for topic in TOPICS:
        if topic[0] != part:
            part, theme = topic[0], ""
            body.append(part)
        if topic[1] != theme:
            theme = topic[1]
            body.append(theme)
        body.append((str(topic[2]), topic[3], topic[column]))
    return body


def division_workbook() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "课题部门分工"
    _sheet(ws, "附件1-1", "静安区“十四五”规划前期研究课题部门分工", ("序号", "课题名称", "部门分工"),
           _body(4))
    return wb


def guidance_workbook() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "研究指南"
    _sheet(ws, "附件1-2", "静安区“十四五”规划前期重大课题研究指南", ("序号", "课题名称", "研究重点"),
           _body(5))
    return wb


def main(out: Path = OUT_DIR) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, wb in ((DIVISION_FILE, division_workbook()), (GUIDANCE_FILE, guidance_workbook())):
        save(wb, out / name, "静安区发展和改革委员会", FIXED_TIME)
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR)
