// The dashboard's words, Simplified Chinese first, English second.
//
// Every string the pages show goes through t(key), so one dictionary holds the whole vocabulary and
// a missing English word falls back to the Chinese one instead of showing a bare key.  The choice is
// kept in localStorage so a reader who switched to English keeps it across visits.

const STORAGE_KEY = "mubiao.lang";

const zh = {
  "app.title": "目标台账",
  "app.subtitle": "地方政府目标与完成情况",
  "nav.overview": "总览",
  "nav.ledger": "台账",
  "nav.indicators": "指标",
  "nav.compare": "地区对比",
  "nav.documents": "文件",
  "nav.upload": "上传文件",
  "nav.main": "主导航",
  "lang.switch": "English",
  "lang.switch.label": "切换到英文界面",

  "common.loading": "加载中…",
  "common.error": "出错了",
  "common.retry": "重试",
  "common.none": "—",
  "common.all": "全部",
  "common.empty": "没有符合条件的记录。",
  "common.total": "共 {n} 条",
  "common.sum": "合计",
  "common.region": "地区",
  "common.indicator": "指标",
  "common.year": "年份",
  "common.status": "状态",
  "common.period": "期间",
  "common.target": "目标",
  "common.actual": "实际",
  "common.gap": "缺口",
  "common.pace": "所需增速",
  "common.source": "来源",
  "common.method": "方法",
  "common.value": "数值",
  "common.unit": "单位",
  "common.kind": "类型",
  "common.text": "原文",
  "common.document": "文件",
  "common.open": "打开",
  "common.apply": "筛选",
  "common.reset": "清除筛选",
  "common.prev": "上一页",
  "common.next": "下一页",
  "common.page": "第 {page} / {pages} 页",
  "common.manual": "人工录入",
  "common.conflict": "来源数值不一致",
  "common.override": "已人工改判",
  "common.damaged": "原文有乱码",

  "status.achieved": "已完成",
  "status.on_track": "序时推进",
  "status.at_risk": "存在风险",
  "status.missed": "未完成",
  "status.pending": "待数据",
  "status.needs_review": "待研判",

  "kind.target": "目标",
  "kind.actual": "实绩",
  "measure.level": "总量",
  "measure.growth": "增速",
  "measure.delta": "增减",
  "qualifier.exact": "",
  "qualifier.about": "左右",
  "qualifier.at_least": "以上",
  "qualifier.at_most": "以内",
  "qualifier.range": "区间",
  "qualifier.qualitative": "定性",

  "fmt.year": "{y}年",
  "fmt.growth": "增长{v}",
  "fmt.decline": "下降{v}",
  "fmt.raise": "提高{v}",
  "fmt.lower": "降低{v}",
  "fmt.pp": "个百分点",
  "fmt.per_year": "年均 {v}",
  "fmt.short": "尚差 {v}",
  "fmt.over": "超额 {v}",
  "fmt.met": "已达到",
  "fmt.cumulative": "累计",

  "overview.title": "总览",
  "overview.lead": "各地区目标按状态计数，以及进度最落后的目标。",
  "overview.byRegion": "各地区目标状态",
  "overview.behind": "最落后的目标",
  "overview.behind.empty": "没有落后的目标。",
  "overview.targets": "{n} 项目标",
  "overview.allTargets": "目标总数",
  "overview.export": "导出台账",
  "overview.report": "生成报告",
  "overview.noData": "台账还是空的：先上传或导入文件。",

  "ledger.title": "目标台账",
  "ledger.lead": "每项目标与对应的实际完成情况。点击数字可打开原文的出处。",
  "ledger.filters": "筛选",
  "ledger.asOf": "截至年份",
  "ledger.export": "导出",
  "ledger.exportCsv": "CSV",
  "ledger.exportXlsx": "Excel",
  "ledger.exportJson": "JSON",
  "ledger.report": "报告",
  "ledger.reportDocx": "Word 报告",
  "ledger.reportHtml": "网页报告",
  "ledger.sourceOf": "打开原文：{doc}",
  "ledger.showChart": "查看图表",
  "ledger.count": "共 {n} 项目标",

  "indicators.title": "指标",
  "indicators.lead": "选择一个指标，查看目标与实际的逐年走势。",
  "indicators.category": "类别",
  "indicators.statements": "条陈述",
  "indicators.search": "搜索指标",

  "indicator.title": "指标走势",
  "indicator.chart": "{name}：目标与实际",
  "indicator.targets": "目标",
  "indicator.actuals": "实际",
  "indicator.path": "尚需路径",
  "indicator.noSeries": "这个指标在该地区还没有可画的数值。",
  "indicator.ledgerRows": "台账中的相关目标",
  "indicator.figures": "逐年数值",
  "indicator.compare": "地区对比",
  "indicator.chartLabel": "{name}目标与实际逐年走势图",
  "indicator.unitMix": "注：该指标有多种计量（{units}），图中只画“{unit}”。",

  "compare.title": "地区对比",
  "compare.lead": "同一指标、同一年份在各地区的数值。",
  "compare.pick": "选择指标与年份",
  "compare.chart": "{name}（{year}）",
  "compare.chartLabel": "{name}各地区对比图",
  "compare.noData": "该指标在这一年没有地区数据。",
  "compare.rollup": "上下级汇总",
  "compare.rollupSum": "下级合计",
  "compare.rollupRange": "下级最低—最高",
  "compare.rollupShare": "下级合计占本级",
  "compare.children": "下级地区",
  "compare.choose": "请选择指标。",
  "compare.anyYear": "最新",

  "documents.title": "文件",
  "documents.lead": "已存入台账的文件。点击标题查看原文与提取结果。",
  "documents.docType": "文件类型",
  "documents.reportYear": "报告年份",
  "documents.statements": "陈述数",
  "documents.ingested": "入库时间",
  "doctype.work_report": "政府工作报告",
  "doctype.five_year_plan": "五年规划纲要",
  "doctype.session_news": "两会报道",
  "doctype.statistical_bulletin": "统计公报",
  "doctype.other": "其他",

  "document.title": "原文",
  "document.statements": "提取的陈述（{n}）",
  "document.selected": "选中的陈述",
  "document.selectHint": "点击原文中高亮的数字查看详情。",
  "document.meta": "文件信息",
  "document.legendTarget": "目标",
  "document.legendActual": "实绩",
  "document.notFoundStatement": "该文件中没有编号为 {id} 的陈述。",
  "document.fileName": "文件名",
  "document.format": "格式",
  "document.measure": "计量",
  "document.inLedger": "在台账中查看",

  "upload.title": "上传文件",
  "upload.lead": "选择一份政府工作报告或规划纲要（TXT、HTML、PDF、DOCX），先预览提取结果，确认后存入台账。",
  "upload.file": "文件",
  "upload.drop": "点击选择文件，或把文件拖到这里",
  "upload.preview": "提取预览",
  "upload.previewing": "正在提取…",
  "upload.token": "访问令牌",
  "upload.tokenHint": "存入台账需要管理员提供的令牌；令牌只保存在本浏览器标签页中。",
  "upload.store": "存入台账",
  "upload.storing": "正在存入…",
  "upload.stored": "已存入台账：{status}，{n} 条陈述。",
  "upload.open": "查看已存入的文件",
  "upload.noFile": "请先选择文件。",
  "upload.noWrites": "服务器没有配置访问令牌，暂不能存入台账。",
  "upload.extracted": "提取结果：{n} 条陈述",
  "upload.status.new": "新文件",
  "upload.status.updated": "已更新",
  "upload.status.unchanged": "内容未变",

  "error.network": "无法连接服务器。",
  "error.notFound": "页面不存在。",
};

const en = {
  "app.title": "Target Ledger",
  "app.subtitle": "Local government targets and results",
  "nav.overview": "Overview",
  "nav.ledger": "Ledger",
  "nav.indicators": "Indicators",
  "nav.compare": "Compare",
  "nav.documents": "Documents",
  "nav.upload": "Upload",
  "nav.main": "Main navigation",
  "lang.switch": "中文",
  "lang.switch.label": "Switch to Chinese",

  "common.loading": "Loading…",
  "common.error": "Something went wrong",
  "common.retry": "Retry",
  "common.all": "All",
  "common.empty": "Nothing matches.",
  "common.total": "{n} in all",
  "common.sum": "Total",
  "common.region": "Region",
  "common.indicator": "Indicator",
  "common.year": "Year",
  "common.status": "Status",
  "common.period": "Period",
  "common.target": "Target",
  "common.actual": "Result",
  "common.gap": "Gap",
  "common.pace": "Required pace",
  "common.source": "Source",
  "common.method": "Method",
  "common.value": "Value",
  "common.unit": "Unit",
  "common.kind": "Kind",
  "common.text": "Text",
  "common.document": "Document",
  "common.open": "Open",
  "common.apply": "Filter",
  "common.reset": "Clear filters",
  "common.prev": "Previous",
  "common.next": "Next",
  "common.page": "Page {page} of {pages}",
  "common.manual": "Entered by hand",
  "common.conflict": "Sources disagree",
  "common.override": "Status overridden",
  "common.damaged": "Damaged text",

  "status.achieved": "Achieved",
  "status.on_track": "On track",
  "status.at_risk": "At risk",
  "status.missed": "Missed",
  "status.pending": "Pending data",
  "status.needs_review": "Needs review",

  "kind.target": "Target",
  "kind.actual": "Result",
  "measure.level": "Level",
  "measure.growth": "Growth",
  "measure.delta": "Change",
  "qualifier.about": "about",
  "qualifier.at_least": "at least",
  "qualifier.at_most": "at most",
  "qualifier.range": "range",
  "qualifier.qualitative": "qualitative",

  "fmt.year": "{y}",
  "fmt.growth": "+{v}",
  "fmt.decline": "−{v}",
  "fmt.raise": "+{v}",
  "fmt.lower": "−{v}",
  "fmt.pp": " pp",
  "fmt.per_year": "{v} a year",
  "fmt.short": "{v} short",
  "fmt.over": "{v} beyond",
  "fmt.met": "met",
  "fmt.cumulative": "cumulative",

  "overview.title": "Overview",
  "overview.lead": "Targets by status in each region, and the targets furthest behind.",
  "overview.byRegion": "Targets by status",
  "overview.behind": "Furthest behind",
  "overview.behind.empty": "No target is behind.",
  "overview.targets": "{n} targets",
  "overview.allTargets": "All targets",
  "overview.export": "Export ledger",
  "overview.report": "Report",
  "overview.noData": "The ledger is empty: upload or ingest documents first.",

  "ledger.title": "Ledger",
  "ledger.lead": "Every target against its results. Click a number to open the document where it is stated.",
  "ledger.filters": "Filters",
  "ledger.asOf": "As of",
  "ledger.export": "Export",
  "ledger.exportCsv": "CSV",
  "ledger.exportXlsx": "Excel",
  "ledger.exportJson": "JSON",
  "ledger.report": "Report",
  "ledger.reportDocx": "Word report",
  "ledger.reportHtml": "HTML report",
  "ledger.sourceOf": "Open the source: {doc}",
  "ledger.showChart": "Chart",
  "ledger.count": "{n} targets",

  "indicators.title": "Indicators",
  "indicators.lead": "Pick an indicator to chart its targets and results over the years.",
  "indicators.category": "Category",
  "indicators.statements": "statements",
  "indicators.search": "Search indicators",

  "indicator.title": "Indicator",
  "indicator.chart": "{name}: targets and results",
  "indicator.targets": "Targets",
  "indicator.actuals": "Results",
  "indicator.path": "Path still needed",
  "indicator.noSeries": "No figures of this indicator to chart for this region yet.",
  "indicator.ledgerRows": "Targets of this indicator in the ledger",
  "indicator.figures": "Figures by year",
  "indicator.compare": "Compare regions",
  "indicator.chartLabel": "Chart of {name}: targets and results by year",
  "indicator.unitMix": "Note: this indicator is stated in several ways ({units}); the chart shows “{unit}” only.",

  "compare.title": "Compare regions",
  "compare.lead": "One indicator in one year, region by region.",
  "compare.pick": "Indicator and year",
  "compare.chart": "{name} ({year})",
  "compare.chartLabel": "Chart comparing {name} across regions",
  "compare.noData": "No region has a figure of this indicator for that year.",
  "compare.rollup": "Roll-up",
  "compare.rollupSum": "Sum of sub-regions",
  "compare.rollupRange": "Lowest–highest sub-region",
  "compare.rollupShare": "Sum as share of the region",
  "compare.children": "Sub-regions",
  "compare.choose": "Pick an indicator.",
  "compare.anyYear": "Latest",

  "documents.title": "Documents",
  "documents.lead": "Documents in the ledger. Click a title to read it with its extracted statements.",
  "documents.docType": "Type",
  "documents.reportYear": "Report year",
  "documents.statements": "Statements",
  "documents.ingested": "Stored",
  "doctype.work_report": "Government work report",
  "doctype.five_year_plan": "Five-year plan",
  "doctype.session_news": "Congress session news",
  "doctype.statistical_bulletin": "Statistical bulletin",
  "doctype.other": "Other",

  "document.title": "Document",
  "document.statements": "Extracted statements ({n})",
  "document.selected": "Selected statement",
  "document.selectHint": "Click a highlighted figure in the text to see its details.",
  "document.meta": "About this document",
  "document.legendTarget": "Target",
  "document.legendActual": "Result",
  "document.notFoundStatement": "This document has no statement {id}.",
  "document.fileName": "File",
  "document.format": "Format",
  "document.measure": "Measure",
  "document.inLedger": "See it in the ledger",

  "upload.title": "Upload a document",
  "upload.lead": "Pick a work report or a plan (TXT, HTML, PDF, DOCX), check what is extracted, then store it.",
  "upload.file": "File",
  "upload.drop": "Click to pick a file, or drop it here",
  "upload.preview": "Extract",
  "upload.previewing": "Extracting…",
  "upload.token": "Access token",
  "upload.tokenHint": "Storing needs the token an administrator gave you; it is kept in this browser tab only.",
  "upload.store": "Store in the ledger",
  "upload.storing": "Storing…",
  "upload.stored": "Stored: {status}, {n} statements.",
  "upload.open": "Open the stored document",
  "upload.noFile": "Pick a file first.",
  "upload.noWrites": "The server has no access token configured: storing is off.",
  "upload.extracted": "Extracted: {n} statements",
  "upload.status.new": "new document",
  "upload.status.updated": "updated",
  "upload.status.unchanged": "unchanged",

  "error.network": "The server cannot be reached.",
  "error.notFound": "No such page.",
};

const DICTS = { zh, en };

/** The current language: "zh" unless the reader chose English. */
export function getLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === "en" ? "en" : "zh";
  } catch {
    return "zh"; // storage may be blocked (private mode, file://): Chinese is the default anyway
  }
}

export function setLang(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang === "en" ? "en" : "zh");
  } catch {
    /* the switch still works for this page view */
  }
  applyDocumentLang();
}

/** Sets <html lang> so screen readers and fonts pick the right language. */
export function applyDocumentLang() {
  document.documentElement.lang = getLang() === "en" ? "en" : "zh-CN";
}

/** The word for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const lang = getLang();
  let s = DICTS[lang][key];
  if (s === undefined) s = zh[key];
  if (s === undefined) s = key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Words of a part of the dashboard kept in its own module (zh first, en beside it). */
export function addWords(zhWords, enWords) {
  Object.assign(zh, zhWords);
  Object.assign(DICTS.en, enWords);
}

/** Whether the dictionary has a word for key (used for optional labels such as doc types). */
export function has(key) {
  return key in zh;
}
