#include "law_corpus.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <optional>

#include "core/date.h"
#include "core/utf8.h"

namespace gk::bench {
namespace {

namespace json = boost::json;

std::string string_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Decodes the code point at s[i] (valid UTF-8 assumed; a stray byte counts as itself).
char32_t next_cp(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

bool is_numeral(char32_t c) {
  static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十百千零〇两0123456789";
  return kNumerals.find(c) != std::u32string_view::npos;
}

// Length in bytes of a leading "第<numerals><one of `ends`>", or 0.
size_t ordinal_prefix(std::string_view line, std::u32string_view ends) {
  size_t i = 0;
  if (line.empty() || next_cp(line, i) != U'第') return 0;
  size_t digits = 0;
  while (i < line.size()) {
    size_t j = i;
    const char32_t c = next_cp(line, j);
    if (is_numeral(c)) {
      ++digits;
      i = j;
      continue;
    }
    if (digits > 0 && ends.find(c) != std::u32string_view::npos) return j;
    return 0;
  }
  return 0;
}

bool is_heading(std::string_view line) {
  if (ordinal_prefix(line, U"条") > 0) return false;
  if (const size_t n = ordinal_prefix(line, U"编章节"); n > 0) {
    if (n == line.size()) return true;
    size_t i = n;
    const char32_t c = next_cp(line, i);
    return c == U' ' || c == U'\t' || c == U'\u3000';
  }
  return utf8_length(line) <= 12 && !line.ends_with("。");
}

uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

struct KeyLabel {
  std::string_view key, label;
};

KeyLabel genre_of(std::string_view title) {
  static constexpr std::array<std::pair<std::string_view, KeyLabel>, 13> kEnds{{
      {"条例", {"regulation", "条例"}},    {"规定", {"provisions", "规定"}}, {"办法", {"measures", "办法"}},
      {"细则", {"rules", "细则"}},         {"决定", {"decision", "决定"}},   {"通知", {"notice", "通知"}},
      {"公告", {"announcement", "公告"}}, {"意见", {"opinion", "意见"}},    {"报告", {"report", "报告"}},
      {"规划", {"plan", "规划"}},          {"方案", {"programme", "方案"}},  {"批复", {"reply", "批复"}},
      {"决议", {"decision", "决定"}},
  }};
  // Titles may end in a bracketed note: 刑法修正案（十一）, …规定（试行）.
  std::string_view t = title;
  if (t.ends_with("）")) {
    if (const size_t open = t.rfind("（"); open != std::string_view::npos) t = t.substr(0, open);
  }
  for (const auto& [end, kl] : kEnds) {
    if (t.ends_with(end)) return kl;
  }
  return {"other", "其他"};
}

KeyLabel topic_of(std::string_view title) {
  // First match wins, so 港口 is transport before 港澳 is looked at.
  struct Row {
    std::string_view words;  // separated by '|'
    KeyLabel kl;
  };
  static constexpr std::array<Row, 20> kTable{{
      {"国防|兵役|军事|人民防空|民兵", {"defence", "国防"}},
      {"财政|预算|审计|税|金融|银行|保险|证券|期货|外汇|会计|担保|贷款", {"finance", "财政、金融、审计"}},
      {"土地|矿|能源|电力|煤|石油|节约能源|测绘", {"land_energy", "国土资源、能源"}},
      {"农|林|水利|渔|畜牧|草原|种子|动物防疫|水土|河道|湿地", {"agriculture", "农业、林业、水利"}},
      {"交通|道路|铁路|航|港口|公路|船|机动车|邮政|工业|车", {"industry_transport", "工业、交通"}},
      {"商|海关|旅游|贸易|口岸|拍卖|典当|广告", {"commerce_tourism", "商贸、海关、旅游"}},
      {"食品|药品|安全生产|市场|质量|价格|消费者|计量|标准化|特种设备|危险化学品",
       {"market_safety", "市场监管、安全生产监管"}},
      {"城|建设|规划|环境|污染|住房|物业|市容|垃圾|建筑|房地产|风景|绿化|供水|燃气",
       {"construction_environment", "城乡建设、环境保护"}},
      {"科技|科学|教育|学校|学位|教师|职业培训", {"science_education", "科技、教育"}},
      {"文化|文物|广播|电影|出版|档案|图书馆|博物馆|著作权|新闻", {"culture_media", "文化、广电、新闻出版"}},
      {"卫生|医|体育|疾病|传染病|献血|健康", {"health_sports", "卫生、体育"}},
      {"人口|计划生育|妇女|儿童|未成年人|母婴", {"population_family", "人口与计划生育、妇女儿童工作"}},
      {"劳动|就业|工资|社会保险|人事|公务员|监察|职工|工伤", {"labour_personnel", "劳动、人事、监察"}},
      {"公安|治安|刑|司法|法院|检察|律师|公证|监狱|消防|诉讼|仲裁|犯罪|审判|执行",
       {"public_security_justice", "公安、安全、司法"}},
      {"民政|救助|扶贫|慈善|殡葬|养老|残疾|婚姻|收养|老年人|社会组织|地名|救灾",
       {"civil_affairs", "民政、扶贫、救灾"}},
      {"民族|宗教", {"ethnic_religion", "民族、宗教"}},
      {"外事|外国|领事|涉外|对外", {"foreign_affairs", "对外事务"}},
      {"香港|澳门|台湾|华侨|侨", {"hk_macao_taiwan", "港澳台侨工作"}},
      {"政府|行政|人民代表大会|政务|信息公开|立法|监督|选举|宪法", {"general", "综合政务"}},
      {"经济|国有资产|统计|发展", {"economy", "国民经济管理、国有资产监管"}},
  }};
  for (const auto& row : kTable) {
    std::string_view ws = row.words;
    while (!ws.empty()) {
      const size_t bar = ws.find('|');
      const std::string_view w = ws.substr(0, bar);
      if (title.find(w) != std::string_view::npos) return row.kl;
      if (bar == std::string_view::npos) break;
      ws.remove_prefix(bar + 1);
    }
  }
  return {"other", "其他"};
}

KeyLabel validity_of(std::string_view status) {
  if (status == "有效" || status == "长期" || status.starts_with("试行") || status.starts_with("暂行")) {
    return {"in_force", "有效"};
  }
  if (status.starts_with("已被修订")) return {"amended", "已修改"};
  if (status.starts_with("已失效")) return {"expired", "失效"};
  return {"", ""};
}

std::optional<Date> date_of(std::string_view s) {
  if (auto d = Date::parse(s)) return d;
  if (s.size() == 4) {
    int y = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      y = y * 10 + (c - '0');
    }
    return Date::from_ymd(y, 1, 1);
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<Law>> load_laws(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(Error::invalid("cannot read " + path));
  std::vector<Law> laws;
  std::string line;
  int64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) return fail(Error::invalid(path + ":" + std::to_string(line_no) + ": not a JSON object"));
    const json::object& o = v.as_object();
    Law law;
    law.id = string_field(o, "id");
    law.title = string_field(o, "title");
    law.issuer = string_field(o, "issuer");
    law.doc_number = string_field(o, "doc_number");
    law.date = string_field(o, "date");
    law.status = string_field(o, "status");
    law.level = string_field(o, "level");
    law.category = string_field(o, "category");
    const std::string body = string_field(o, "body");
    std::string pending;  // headings waiting for the next unit
    std::string current_article;
    size_t pos = 0;
    while (pos <= body.size()) {
      size_t nl = body.find('\n', pos);
      if (nl == std::string::npos) nl = body.size();
      const std::string l = trim(std::string_view(body).substr(pos, nl - pos));
      pos = nl + 1;
      if (l.empty()) continue;
      if (is_heading(l)) {
        pending += l;
        pending += '\n';
        continue;
      }
      if (const size_t n = ordinal_prefix(l, U"条"); n > 0) current_article = l.substr(0, n);
      law.labels.push_back(current_article.empty() ? "第" + std::to_string(law.units.size() + 1) + "段"
                                                   : current_article);
      law.units.push_back(pending + l);
      pending.clear();
    }
    if (!pending.empty() && !law.units.empty()) {
      pending.pop_back();
      law.units.back() += '\n' + pending;
    }
    for (const auto& u : law.units) law.body_bytes += u.size();
    laws.push_back(std::move(law));
  }
  return laws;
}

std::string department_code(std::string_view issuer_name) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "org-%08x", fnv1a(issuer_name));
  return buf;
}

search::SearchRecord law_record(const Law& law, std::string id, std::string title, std::string body) {
  search::SearchRecord r;
  r.kind = law.level == "司法解释"                     ? "interpretation"
           : (law.level == "案例" || law.level == "其他") ? "faq"
                                                          : "document";
  r.url = "/" + r.kind + "s/" + id;
  r.id = std::move(id);
  r.title = std::move(title);
  r.body = std::move(body);
  r.doc_number = law.doc_number;
  if (!law.issuer.empty()) {
    r.issuers.push_back(law.issuer);
    r.department_code = department_code(law.issuer);
    r.department_name = law.issuer;
  }
  const KeyLabel g = genre_of(law.title);
  r.genre = g.key;
  r.genre_label = g.label;
  const KeyLabel t = topic_of(law.title);
  r.topic = t.key;
  r.topic_label = t.label;
  const KeyLabel v = validity_of(law.status);
  r.validity = v.key;
  r.validity_label = v.label;
  r.in_force = r.validity != "amended" && r.validity != "expired";
  r.date = date_of(law.date);
  r.visible_from = Instant::from_seconds(0);
  return r;
}

DerivedCorpus::Stats DerivedCorpus::generate(int64_t limit,
                                             const std::function<bool(search::SearchRecord&&)>& sink) const {
  Stats st;
  size_t max_units = 0;
  for (const auto& law : laws_) max_units = std::max(max_units, law.units.size());
  for (size_t w = 1; w <= max_units; ++w) {
    for (size_t o = 0; o < w; ++o) {
      st.last_pass = fmt::format("({},{})", w, o);
      for (const auto& law : laws_) {
        for (size_t start = o; start + w <= law.units.size(); start += w) {
          if (st.documents >= limit) {
            st.last_pass += " partial";
            return st;
          }
          const size_t last = start + w - 1;
          std::string title = law.title + " " + law.labels[start];
          if (law.labels[last] != law.labels[start]) title += "至" + law.labels[last];
          std::string body = law.units[start];
          for (size_t k = start + 1; k <= last; ++k) {
            body += '\n';
            body += law.units[k];
          }
          st.text_bytes += title.size() + body.size();
          ++st.documents;
          if (!sink(law_record(law, std::to_string(st.documents), std::move(title), std::move(body)))) return st;
        }
      }
    }
  }
  st.last_pass += " (corpus exhausted)";
  return st;
}

}  // namespace gk::bench
