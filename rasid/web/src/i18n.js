// Interface strings in Arabic (default, right to left) and English. Keys are used by data-i18n
// attributes in index.html and by t() in main.js.
export const STRINGS = {
  ar: {
    title: "راصد", subtitle: "لوحة الأحداث من الأخبار العربية", api_docs: "واجهة البرمجة",
    switch_to: "English", since: "من", until: "إلى", type: "النوع", country: "الدولة", actor: "الفاعل",
    certainty: "اليقين", all: "الكل", apply: "تطبيق", reset: "مسح", timeline_day: "الأحداث يومياً حسب النوع",
    timeline_week: "الأحداث أسبوعياً حسب النوع", timeline_month: "الأحداث شهرياً حسب النوع",
    events: "الأحداث", date: "التاريخ", acled: "تصنيف ACLED", actor1: "الفاعل الأول", actor2: "الفاعل الثاني",
    place: "المكان", fatalities: "القتلى", injured: "الجرحى", arrested: "المعتقلون", source: "المصدر",
    cert_asserted: "مؤكد", cert_claimed: "ادعاء", cert_denied: "منفي", claimed_by: "جهة الادعاء",
    trigger: "لفظ الحدث", number: "عدد", loading: "جارٍ التحميل…", shown: "عرض {from}–{to} من {total} حدث",
    located: "({m} منها على الخريطة)", point: "أحداث المكان المختار على الخريطة", clear_point: "إلغاء",
    prev: "السابق", next: "التالي", sort_hint: "انقر للترتيب",
    none: "لا توجد أحداث مطابقة", evidence: "الدليل", reports: "تقارير أخرى عن الحادثة نفسها",
    no_reports: "لا تقارير أخرى عن هذه الحادثة", outlet: "الوسيلة", open_source: "المصدر الأصلي",
    error: "خطأ", coords: "الإحداثيات", main_event: "الحدث الرئيسي في جملته", mode: "الأسلوب",
    cameo: "رمز CAMEO",
    live: "مباشر: الأحدث أولاً، يتجدد كل 30 ثانية", alerts: "التنبيهات المرسلة", sources: "حالة المصادر",
    last_success: "آخر نجاح", items: "المواد", errors: "الأخطاء", last_error: "آخر خطأ", updated: "حُدّث {at}",
    no_alerts: "لا تنبيهات بعد", no_sources: "لا مصادر مراقبة",
  },
  en: {
    title: "Rasid", subtitle: "events from Arabic news", api_docs: "API",
    switch_to: "العربية", since: "From", until: "To", type: "Type", country: "Country", actor: "Actor",
    certainty: "Certainty", all: "All", apply: "Apply", reset: "Clear", timeline_day: "Events per day by type",
    timeline_week: "Events per week by type", timeline_month: "Events per month by type",
    events: "Events", date: "Date", acled: "ACLED type", actor1: "Actor 1", actor2: "Actor 2",
    place: "Place", fatalities: "Fatalities", injured: "Injured", arrested: "Arrested", source: "Source",
    cert_asserted: "asserted", cert_claimed: "claimed", cert_denied: "denied", claimed_by: "Claimed by",
    trigger: "trigger", number: "number", loading: "Loading…", shown: "showing {from}–{to} of {total} events",
    located: "({m} of them on the map)", point: "events of the place chosen on the map", clear_point: "clear",
    prev: "Previous", next: "Next", sort_hint: "click to sort",
    none: "No matching events", evidence: "Evidence", reports: "Other reports of this incident",
    no_reports: "No other reports of this incident", outlet: "Outlet", open_source: "original source",
    error: "Error", coords: "Coordinates", main_event: "main event of its sentence", mode: "Mode",
    cameo: "CAMEO",
    live: "Live: newest first, refreshed every 30 s", alerts: "Alerts sent", sources: "Sources",
    last_success: "Last success", items: "Items", errors: "Errors", last_error: "Last error", updated: "updated {at}",
    no_alerts: "no alerts yet", no_sources: "no watched sources",
  },
};

// PLOVER types: the Arabic names an Arabic-reading analyst would use.
export const TYPE_NAMES = {
  ar: {
    ASSAULT: "اعتداء", PROTEST: "احتجاج", COERCE: "إكراه", MOBILIZE: "تعبئة", THREATEN: "تهديد",
    SANCTION: "عقوبة", REQUEST: "مطالبة", ACCUSE: "اتهام", REJECT: "رفض", RETREAT: "تراجع",
    AID: "مساعدة", COOPERATE: "تعاون", CONCEDE: "تنازل", SUPPORT: "تأييد", CONSULT: "تشاور", AGREE: "اتفاق",
  },
  en: {},
};

export const TYPES = ["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "REQUEST", "ACCUSE",
  "REJECT", "RETREAT", "AID", "COOPERATE", "CONCEDE", "SUPPORT", "CONSULT", "AGREE"];

// Conflict in warm colours, cooperation in cool ones.
export const TYPE_COLOURS = {
  ASSAULT: "#d62728", PROTEST: "#ff7f0e", COERCE: "#8c564b", MOBILIZE: "#bcbd22", THREATEN: "#e377c2",
  SANCTION: "#9467bd", REQUEST: "#17becf", ACCUSE: "#f7b6d2", REJECT: "#c49c94", RETREAT: "#2ca02c",
  AID: "#1f77b4", COOPERATE: "#aec7e8", CONCEDE: "#98df8a", SUPPORT: "#9edae5", CONSULT: "#c5b0d5",
  AGREE: "#7f7f7f",
};
