// Text similarity of requests: character bigrams and their cosine. Used to show an applicant the
// similar requests already answered before they submit (issue 5 item 1), to find repeat requests of
// the same applicant (条例 Art. 36(六): 重复申请 → row （五）2) and, later, several requests for the
// same information (Art. 44: conversion to proactive disclosure).
//
// Chinese has no spaces, so words are not needed: overlapping pairs of characters capture most of a
// request's content words (财政 预算 公开 …). Before counting, text is lower-cased (ASCII), and
// punctuation, whitespace and symbols are dropped, so "2023年度预算" and "2023 年度 预算。" match.
// Scores are in [0, 1]; 1 for identical content. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gk::foi {

// The bag of bigrams of a text, as sorted (hash, count) pairs; cheap to keep for many requests.
struct BigramProfile {
  std::vector<std::pair<uint64_t, uint32_t>> grams;
  double norm = 0;  // Euclidean norm of the counts
};

BigramProfile bigram_profile(std::string_view text);
// Cosine of the two bigram count vectors; 0 when either is empty.
double cosine_similarity(const BigramProfile& a, const BigramProfile& b);
double text_similarity(std::string_view a, std::string_view b);

// Threshold above which two requests of the same applicant are flagged as a possible repeat for
// the officer to confirm (the decision stays human: Art. 36(六) needs "已就申请内容作出答复").
inline constexpr double kRepeatSimilarity = 0.6;
// Threshold for showing an answered request as similar on the intake form.
inline constexpr double kSimilarShownSimilarity = 0.3;

}  // namespace gk::foi
