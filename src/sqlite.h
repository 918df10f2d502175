// RAII wrappers over the SQLite C API. The only file that includes
// <sqlite3.h> besides its own implementation. Every value goes through a
// bound parameter: no SQL is ever built from data.
#ifndef QINGLIAN_SQLITE_H_
#define QINGLIAN_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qinglian/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qinglian::sql {

class Db;

// A prepared statement. Bind parameters by 1-based index, Step() through the
// rows, read columns by 0-based index.
class Stmt {
 public:
  Stmt(Stmt&&) noexcept;
  Stmt& operator=(Stmt&&) noexcept;
  ~Stmt();

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, uint32_t v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& BindNull(int i);
  // Binds a value, or NULL when it is empty / absent.
  Stmt& BindOptional(int i, std::string_view v) { return v.empty() ? BindNull(i) : Bind(i, v); }

  // Advances to the next row: true when there is one, false when done.
  // Errors are kept and returned by status().
  bool Step();
  // Runs a statement that returns no rows; resets it for reuse.
  Status Run();
  // Resets for another execution, keeping the bindings' slots.
  void Reset();

  int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;
  const Status& status() const { return status_; }

 private:
  friend class Db;
  Stmt(sqlite3_stmt* s, sqlite3* db) : stmt_(s), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  Status status_;
};

class Db {
 public:
  // Opens (creating when `create`) the database file. A new file is created
  // readable and writable by its owner only.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Result<Stmt> Prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema, pragmas).
  Status Exec(const std::string& sql);
  int64_t LastInsertId() const;
  int Changes() const;
  const std::string& path() const { return path_; }

  // Runs `sql` and returns the first column of its first row, if any.
  Result<std::optional<int64_t>> QueryInt(const std::string& sql);

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // BEGIN IMMEDIATE: takes the write lock now, so a concurrent writer waits
  // (busy timeout) instead of failing half-way.
  Status Begin();
  Status Commit();

 private:
  Db& db_;
  bool open_ = false;
};

}  // namespace qinglian::sql

#endif  // QINGLIAN_SQLITE_H_
