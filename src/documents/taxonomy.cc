#include "documents/taxonomy.h"

namespace gk::documents {
namespace {

constexpr Term kTopics[] = {
    {"general", "综合政务"},
    {"economy", "国民经济管理、国有资产监管"},
    {"finance", "财政、金融、审计"},
    {"land_energy", "国土资源、能源"},
    {"agriculture", "农业、林业、水利"},
    {"industry_transport", "工业、交通"},
    {"commerce_tourism", "商贸、海关、旅游"},
    {"market_safety", "市场监管、安全生产监管"},
    {"construction_environment", "城乡建设、环境保护"},
    {"science_education", "科技、教育"},
    {"culture_media", "文化、广电、新闻出版"},
    {"health_sports", "卫生、体育"},
    {"population_family", "人口与计划生育、妇女儿童工作"},
    {"labour_personnel", "劳动、人事、监察"},
    {"public_security_justice", "公安、安全、司法"},
    {"civil_affairs", "民政、扶贫、救灾"},
    {"ethnic_religion", "民族、宗教"},
    {"foreign_affairs", "对外事务"},
    {"hk_macao_taiwan", "港澳台侨工作"},
    {"defence", "国防"},
    {"other", "其他"},
};

constexpr Term kGenres[] = {
    {"order", "命令（令）"},   {"decision", "决定"},  {"announcement", "公告"}, {"circular", "通告"},
    {"opinion", "意见"},       {"notice", "通知"},    {"bulletin", "通报"},     {"report", "报告"},
    {"request", "请示"},       {"reply", "批复"},     {"proposal", "议案"},     {"letter", "函"},
    {"minutes", "纪要"},       {"regulation", "条例"}, {"provisions", "规定"},  {"measures", "办法"},
    {"rules", "细则"},         {"plan", "规划"},      {"programme", "方案"},    {"guide", "指南"},
    {"other", "其他"},
};

// 《中华人民共和国政府信息公开条例》第二十条 (2019 revision), items (一) to (十五), short forms.
constexpr Term kArticle20[] = {
    {"art20_01", "行政法规、规章和规范性文件"},
    {"art20_02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"},
    {"art20_03", "国民经济和社会发展规划、专项规划、区域规划及相关政策"},
    {"art20_04", "国民经济和社会发展统计信息"},
    {"art20_05", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"},
    {"art20_06", "实施行政处罚、行政强制的依据、条件、程序以及有一定社会影响的处罚决定"},
    {"art20_07", "财政预算、决算信息"},
    {"art20_08", "行政事业性收费项目及其依据、标准"},
    {"art20_09", "政府集中采购项目的目录、标准及实施情况"},
    {"art20_10", "重大建设项目的批准和实施情况"},
    {"art20_11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"},
    {"art20_12", "突发公共事件的应急预案、预警信息及应对情况"},
    {"art20_13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"},
    {"art20_14", "公务员招考的职位、名额、报考条件等事项以及录用结果"},
    {"art20_15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"},
};

}  // namespace

std::span<const Term> topics() { return kTopics; }
std::span<const Term> genres() { return kGenres; }
std::span<const Term> article20_items() { return kArticle20; }

std::optional<std::string_view> label_of(std::span<const Term> terms, std::string_view key) {
  for (const auto& t : terms)
    if (t.key == key) return t.label;
  return std::nullopt;
}

bool is_known(std::span<const Term> terms, std::string_view key) { return label_of(terms, key).has_value(); }

std::string_view disclosure_mode_name(DisclosureMode m) {
  switch (m) {
    case DisclosureMode::kProactive: return "proactive";
    case DisclosureMode::kOnRequest: return "on_request";
    case DisclosureMode::kNotDisclosed: return "not_disclosed";
  }
  return "proactive";
}

std::string_view disclosure_mode_label(DisclosureMode m) {
  switch (m) {
    case DisclosureMode::kProactive: return "主动公开";
    case DisclosureMode::kOnRequest: return "依申请公开";
    case DisclosureMode::kNotDisclosed: return "不予公开";
  }
  return "主动公开";
}

std::optional<DisclosureMode> parse_disclosure_mode(std::string_view s) {
  if (s == "proactive") return DisclosureMode::kProactive;
  if (s == "on_request") return DisclosureMode::kOnRequest;
  if (s == "not_disclosed") return DisclosureMode::kNotDisclosed;
  return std::nullopt;
}

}  // namespace gk::documents
