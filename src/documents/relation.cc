#include "documents/relation.h"

#include <string>

namespace gk::documents {

std::string_view relation_kind_name(RelationKind k) {
  switch (k) {
    case RelationKind::kAmends:
      return "amends";
    case RelationKind::kRepeals:
      return "repeals";
    case RelationKind::kReplaces:
      return "replaces";
    case RelationKind::kImplements:
      return "implements";
    case RelationKind::kInterprets:
      return "interprets";
  }
  return "amends";
}

std::string_view relation_kind_label(RelationKind k) {
  switch (k) {
    case RelationKind::kAmends:
      return "修改";
    case RelationKind::kRepeals:
      return "废止";
    case RelationKind::kReplaces:
      return "替代";
    case RelationKind::kImplements:
      return "实施";
    case RelationKind::kInterprets:
      return "解读";
  }
  return "修改";
}

std::optional<RelationKind> parse_relation_kind(std::string_view s) {
  for (RelationKind k : {RelationKind::kAmends, RelationKind::kRepeals, RelationKind::kReplaces,
                         RelationKind::kImplements, RelationKind::kInterprets}) {
    if (relation_kind_name(k) == s) return k;
  }
  return std::nullopt;
}

bool is_supersession(RelationKind k) {
  return k == RelationKind::kAmends || k == RelationKind::kRepeals || k == RelationKind::kReplaces;
}

Result<RelationGraph> RelationGraph::build(std::span<const DocumentId> known,
                                           std::span<const Relation> relations) {
  RelationGraph g;
  for (DocumentId id : known) g.add_document(id);
  for (const Relation& r : relations) GK_TRY_STATUS(g.add(r));
  return g;
}

void RelationGraph::add_document(DocumentId id) {
  if (id) known_.insert(id.value);
}

bool RelationGraph::knows(DocumentId id) const { return id && known_.contains(id.value); }

Status RelationGraph::check_new_relation(const Relation& r) const {
  if (!knows(r.from)) {
    return fail(
        Error::invalid_field("relation", "关联的文件不存在（编号 " + std::to_string(r.from.value) + "）"));
  }
  if (!knows(r.to)) {
    return fail(
        Error::invalid_field("relation", "关联的目标文件不存在（编号 " + std::to_string(r.to.value) + "）"));
  }
  if (r.from == r.to) return fail(Error::invalid_field("relation", "文件不能与自身建立关联"));

  if (auto it = out_.find(r.from.value); it != out_.end()) {
    for (size_t i : it->second) {
      const Relation& e = relations_[i];
      if (e.to != r.to) continue;
      if (e.kind == r.kind) return fail(Error::conflict("该关联已存在"));
      if (is_supersession(e.kind) && is_supersession(r.kind)) {
        return fail(Error::conflict(
            "文件 " + std::to_string(r.from.value) + " 已" + std::string(relation_kind_label(e.kind)) +
            "文件 " + std::to_string(r.to.value) + "，不能再" + std::string(relation_kind_label(r.kind))));
      }
    }
  }

  // from → to closes a cycle exactly when `from` is already reachable from `to` in the same family.
  if (auto p = path_to(r.to, r.from, is_supersession(r.kind))) {
    std::string msg = "关联会形成循环：";
    auto step = [&msg](const Relation& e) {
      msg += std::to_string(e.from.value) + " " + std::string(relation_kind_label(e.kind)) + " " +
             std::to_string(e.to.value);
    };
    step(r);
    for (size_t i : *p) {
      msg += "，";
      step(relations_[i]);
    }
    return fail(Error::invalid_field("relation", std::move(msg)));
  }
  return ok();
}

Status RelationGraph::add(const Relation& r) {
  GK_TRY_STATUS(check_new_relation(r));
  const size_t i = relations_.size();
  relations_.push_back(r);
  out_[r.from.value].push_back(i);
  in_[r.to.value].push_back(i);
  return ok();
}

std::vector<Relation> RelationGraph::incoming(DocumentId to) const {
  std::vector<Relation> out;
  if (auto it = in_.find(to.value); it != in_.end()) {
    for (size_t i : it->second) out.push_back(relations_[i]);
  }
  return out;
}

std::vector<Relation> RelationGraph::outgoing(DocumentId from) const {
  std::vector<Relation> out;
  if (auto it = out_.find(from.value); it != out_.end()) {
    for (size_t i : it->second) out.push_back(relations_[i]);
  }
  return out;
}

std::optional<std::vector<size_t>> RelationGraph::path_to(DocumentId start, DocumentId target,
                                                          bool supersession) const {
  // Searches backwards from `target` along incoming relations: a new relation's acting document is
  // usually the newest one, with few or no documents acting on it, so this side is the cheap one
  // (a long amendment chain added in date order costs O(1) per check, not O(chain)).
  // `via` remembers, for each document reached, the relation leading from it towards `target`.
  std::unordered_map<int64_t, size_t> via;
  std::vector<int64_t> stack{target.value};
  std::unordered_set<int64_t> seen{target.value};
  while (!stack.empty()) {
    const int64_t node = stack.back();
    stack.pop_back();
    if (node == start.value) {
      std::vector<size_t> p;
      for (int64_t n = node; n != target.value;) {
        const size_t i = via.at(n);
        p.push_back(i);
        n = relations_[i].to.value;
      }
      return p;
    }
    auto it = in_.find(node);
    if (it == in_.end()) continue;
    for (size_t i : it->second) {
      const Relation& e = relations_[i];
      if (is_supersession(e.kind) != supersession) continue;
      if (seen.insert(e.from.value).second) {
        via[e.from.value] = i;
        stack.push_back(e.from.value);
      }
    }
  }
  return std::nullopt;
}

}  // namespace gk::documents
