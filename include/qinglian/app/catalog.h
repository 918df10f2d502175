// Everything qinglian is told as data rather than code: the record kinds
// (data/kinds), the offence vocabulary (data/vocabulary/offences.json) and
// the models (data/models). The program carries the files it was built with;
// a data directory (--data-dir, $QINGLIAN_DATA_DIR, or share/qinglian beside
// the installed program) adds files and replaces those of the same name, and
// --models-dir replaces the models altogether.
#ifndef QINGLIAN_APP_CATALOG_H_
#define QINGLIAN_APP_CATALOG_H_

#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/compare/model.h"
#include "qinglian/core/label_book.h"
#include "qinglian/core/offence_vocabulary.h"
#include "qinglian/core/record_kind.h"

namespace qinglian {

struct CatalogOptions {
  std::string data_dir;    // empty: $QINGLIAN_DATA_DIR, else the installed share/qinglian
  std::string models_dir;  // empty: the data directory's models
};

struct Catalog {
  std::vector<RecordKind> kinds;
  OffenceVocabulary vocabulary;
  std::vector<Model> models;

  // The kind named `name` (or called so in either language), or an error
  // listing the known ones.
  Result<const RecordKind*> Kind(std::string_view name) const;
  const Model* FindModel(std::string_view name) const;
  // The names of lead types, models and kinds, for screens and reports.
  LabelBook Labels() const;
};

// Reads the data files. Fails naming the file and the field of the first
// file that cannot be used, a model name or kind used twice, or no models.
Result<Catalog> LoadCatalog(const CatalogOptions& options);

// The data directory `options` name, or the one found beside the program;
// empty when there is none.
std::string FindDataDir(const CatalogOptions& options);

}  // namespace qinglian

#endif  // QINGLIAN_APP_CATALOG_H_
