#include "foi/conversion.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <string>

#include "foi/similarity.h"

namespace gk::foi {
namespace {

// Request phrasing without content, longest first so 申请公开 goes before 申请.
constexpr std::string_view kFiller[] = {"申请公开", "请求公开", "要求公开", "请予公开", "予以公开",
                                        "请公开",   "依申请",   "申请",     "本人",     "关于",
                                        "有关",     "相关",     "的"};

bool digit(char c) { return c >= '0' && c <= '9'; }

// The text without filler and years, and the years it named.
struct Prepared {
  BigramProfile profile;
  std::vector<int> years;  // sorted, unique
};

Prepared prepare(std::string_view raw) {
  std::string s(raw);
  for (std::string_view f : kFiller) {
    for (size_t at = s.find(f); at != std::string::npos; at = s.find(f, at)) s.erase(at, f.size());
  }
  Prepared out;
  std::string text;
  text.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const bool year = i + 4 <= s.size() && (s.compare(i, 2, "19") == 0 || s.compare(i, 2, "20") == 0) &&
                      digit(s[i + 2]) && digit(s[i + 3]) && (i + 4 == s.size() || !digit(s[i + 4])) &&
                      (i == 0 || !digit(s[i - 1]));
    if (year) {
      out.years.push_back(std::stoi(s.substr(i, 4)));
      i += 4;
      if (s.compare(i, 6, "年度") == 0)
        i += 6;
      else if (s.compare(i, 3, "年") == 0)
        i += 3;
      continue;
    }
    text += s[i++];
  }
  std::sort(out.years.begin(), out.years.end());
  out.years.erase(std::unique(out.years.begin(), out.years.end()), out.years.end());
  out.profile = bigram_profile(text);
  return out;
}

double score(const Prepared& a, const Prepared& b) {
  if (!a.years.empty() && !b.years.empty()) {
    std::vector<int> common;
    std::set_intersection(a.years.begin(), a.years.end(), b.years.begin(), b.years.end(),
                          std::back_inserter(common));
    if (common.empty()) return 0;
  }
  return cosine_similarity(a.profile, b.profile);
}

}  // namespace

double same_information_score(std::string_view a, std::string_view b) {
  return score(prepare(a), prepare(b));
}

std::vector<RequestGroup> group_same_information(const std::vector<ConversionCandidate>& candidates,
                                                 const ConversionPolicy& policy) {
  struct Open {
    RequestGroup group;
    Prepared leader;
  };
  // Per department, groups in order of creation; departments kept in order of first appearance so
  // the result follows the input.
  std::map<int64_t, std::vector<size_t>> dept_groups;  // department → indexes into `open`
  std::vector<Open> open;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const ConversionCandidate& c = candidates[i];
    Prepared p = prepare(c.text);
    if (p.profile.grams.empty()) continue;
    auto& mine = dept_groups[c.department.value];
    bool placed = false;
    for (size_t g : mine) {
      const double s = score(open[g].leader, p);
      if (s >= policy.threshold) {
        open[g].group.members.push_back(i);
        open[g].group.scores.push_back(s);
        placed = true;
        break;
      }
    }
    if (!placed) {
      Open o;
      o.group.department = c.department;
      o.group.members.push_back(i);
      o.group.scores.push_back(1.0);
      o.leader = std::move(p);
      mine.push_back(open.size());
      open.push_back(std::move(o));
    }
  }
  std::vector<RequestGroup> out;
  for (auto& o : open) {
    if (static_cast<int>(o.group.members.size()) < std::max(2, policy.min_requests)) continue;
    bool disclosed = false;
    for (size_t m : o.group.members) disclosed = disclosed || candidates[m].disclosed;
    if (disclosed) out.push_back(std::move(o.group));
  }
  return out;
}

}  // namespace gk::foi
