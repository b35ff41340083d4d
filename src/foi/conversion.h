// Conversion to proactive disclosure (依申请公开转主动公开, 《政府信息公开条例》第四十四条): "多个申请人
// 就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围。"
// This file holds the rule that finds such requests; conversion_service.h acts on it.
//
// The rule, per organ (department), over the requests received in the policy's window:
//   * "the same information" = same_information_score (below) of at least `threshold` to the group's
//     first request. Leader clustering in order
//     of receipt: each request joins the first group whose leader it resembles, else starts one. Unlike
//     single linkage it cannot chain A~B~C into a group where A and C share nothing.
//   * "several" = at least `min_requests` requests in a group (default 2, the least the article's
//     "多个" can mean; a city may raise it).
//   * "属于可以公开的" = at least one request of the group was answered 予以公开 or 部分公开: the
//     organ has already judged the information disclosable, and that reply's released text is what
//     the conversion publishes.
// The decision stays with the organ (the article says 可以); the rule only suggests.
//
// The score: bigram cosine (foi/similarity.h) of the information sought (title, 文号, description)
// after two corrections the plain cosine needs here, because requests to one organ share boilerplate:
//   * request phrasing carries no content and is dropped first (申请公开, 请公开, 关于, 有关, 的, …);
//   * years are facts, not words: "2023年部门预算" and "2022年部门预算" are different information, and
//     "2023年" would otherwise be four shared bigrams. Years (19xx/20xx, with 年/年度) are taken out of
//     the text; when both requests name years and share none the score is 0.
// Threshold: kConversionSimilarity = 0.4. On the worked examples of conversion_test.cc, requests for
// the same information in different applicants' words score 0.45–0.93 and requests of the same
// organ for different information 0–0.29 (the plain cosine put both groups between 0.6 and 0.8).
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"

namespace gk::foi {

inline constexpr double kConversionSimilarity = 0.4;
inline constexpr int kConversionMinRequests = 2;
inline constexpr int kConversionWindowDays = 730;

struct ConversionPolicy {
  int min_requests = kConversionMinRequests;  // ≥ 2
  double threshold = kConversionSimilarity;   // in (0, 1]
  int window_days = kConversionWindowDays;    // requests received in the last N days count
  std::string genre = "other";                // defaults of the document draft (documents/taxonomy.h keys)
  std::string topic = "other";
};

// One request as the rule sees it.
struct ConversionCandidate {
  FoiCaseId id;
  DepartmentId department;
  std::string text;        // title, 文号 and description of the information sought
  bool disclosed = false;  // answered 予以公开 / 部分公开
};

struct RequestGroup {
  DepartmentId department;
  std::vector<size_t> members;  // indexes into the input, leader first, in input order
  std::vector<double> scores;   // similarity of each member to the leader (1 for the leader)
};

// The score of "the same information" described above, in [0, 1].
double same_information_score(std::string_view a, std::string_view b);

// The groups that qualify under `policy`, in the order of their leaders. `candidates` should be in
// order of receipt (the repository returns them so).
std::vector<RequestGroup> group_same_information(const std::vector<ConversionCandidate>& candidates,
                                                 const ConversionPolicy& policy);

}  // namespace gk::foi
