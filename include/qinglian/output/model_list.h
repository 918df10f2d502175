// The models as `qinglian models` lists them: each with what it compares
// (the people's kind against the other office's), when a record becomes a
// lead, and how far back it looks.
#ifndef QINGLIAN_OUTPUT_MODEL_LIST_H_
#define QINGLIAN_OUTPUT_MODEL_LIST_H_

#include <string>
#include <vector>

#include "qinglian/compare/model.h"
#include "qinglian/core/label_book.h"
#include "qinglian/core/offence_vocabulary.h"

namespace qinglian {

std::string FormatModelList(const std::vector<Model>& models, const LabelBook& labels,
                            const OffenceVocabulary& vocabulary, Lang lang);
// The same as JSON, with codes: name, title, people, events, relation,
// min_overlap_days, after_days, types, lookback_years.
std::string FormatModelListJson(const std::vector<Model>& models,
                                const OffenceVocabulary& vocabulary);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_MODEL_LIST_H_
