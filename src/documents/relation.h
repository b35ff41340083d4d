// Relations between documents — "A amends / repeals / replaces / implements / interprets B" — and
// the graph that guards them against bad input (unknown documents, self-relations, duplicates,
// cycles). Validity (validity.h) is derived from these relations and the documents' dates.
//
// Direction: `from` is the acting, later document; `to` is the document acted upon. A relation takes
// effect on `from_effective`, the acting document's 施行日期 (or its publication date when it takes
// effect on publication), as filled in by whoever loads the relation. An empty `from_effective`
// means the relation is not in effect (yet): the acting document is unpublished or undated.
//
// Two families, each of which must stay acyclic on its own:
//   supersession — amends, repeals, replaces: they change or end the target's validity. "A amends
//                  B, B repeals A" is impossible and rejected.
//   reference    — implements, interprets: informational links (实施细则, 解读) that never change
//                  validity. A cycle ("A implements B, B implements A") is meaningless and rejected
//                  too; a relation of one family may point against one of the other (B interprets A
//                  while A amends B is odd but not contradictory).
// Between one ordered pair (from, to) at most one supersession relation may exist: amending and
// repealing the same document in one act is contradictory (Conflict). Reference relations may
// coexist with it and with each other.
//
// Value types; RelationGraph is thread-compatible (const methods may be called concurrently).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::documents {

enum class RelationKind { kAmends, kRepeals, kReplaces, kImplements, kInterprets };

// Stable persisted names: "amends", "repeals", "replaces", "implements", "interprets".
std::string_view relation_kind_name(RelationKind k);
// Chinese verb for sentences and labels: 修改, 废止, 替代, 实施, 解读.
std::string_view relation_kind_label(RelationKind k);
std::optional<RelationKind> parse_relation_kind(std::string_view s);

// True for amends, repeals and replaces: the kinds that change the target's validity.
bool is_supersession(RelationKind k);

struct Relation {
  DocumentId from;  // the acting (later) document
  RelationKind kind = RelationKind::kAmends;
  DocumentId to;                       // the document acted upon
  std::optional<Date> from_effective;  // when the relation takes effect; empty: not in effect

  friend bool operator==(const Relation&, const Relation&) = default;
};

// The set of known documents and the relations accepted so far. Every mutation is checked first;
// a graph built through build()/add() therefore never holds an unknown end, a self-relation, a
// duplicate or a cycle.
class RelationGraph {
 public:
  RelationGraph() = default;

  // Adds `known` documents, then each relation in order through add(). Fails on the first bad
  // relation with its error (so bad legacy data is reported, not silently kept).
  [[nodiscard]] static Result<RelationGraph> build(std::span<const DocumentId> known,
                                                   std::span<const Relation> relations);

  // Registers a document (idempotent). Id 0 is ignored: it is never a document.
  void add_document(DocumentId id);
  bool knows(DocumentId id) const;

  // Whether `r` may be added:
  //   InvalidArgument, field "relation": unknown `from` or `to`, from == to, or a cycle within the
  //     relation's family (the message names the path, e.g. "12 修改 34，34 废止 12");
  //   Conflict: the same (from, kind, to) exists, or another supersession relation joins the same
  //     ordered pair.
  // from_effective is not compared: a relation is identified by (from, kind, to).
  [[nodiscard]] Status check_new_relation(const Relation& r) const;
  // check_new_relation, then records `r`.
  [[nodiscard]] Status add(const Relation& r);

  const std::vector<Relation>& relations() const { return relations_; }
  std::vector<Relation> incoming(DocumentId to) const;    // relations acting on `to`, in insertion order
  std::vector<Relation> outgoing(DocumentId from) const;  // relations `from` acts through

 private:
  // Relation indexes of a path from `start` to `target` through one family, in order, if any.
  std::optional<std::vector<size_t>> path_to(DocumentId start, DocumentId target, bool supersession) const;

  std::unordered_set<int64_t> known_;
  std::vector<Relation> relations_;
  std::unordered_map<int64_t, std::vector<size_t>> out_;  // from id -> indexes into relations_
  std::unordered_map<int64_t, std::vector<size_t>> in_;   // to id -> indexes into relations_
};

}  // namespace gk::documents
