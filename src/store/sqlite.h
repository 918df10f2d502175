// RAII wrappers over the SQLite C API. The only file that includes
// <sqlite3.h> besides its own implementation. Every value goes through a
// bound parameter: no SQL is ever built from data. Every error names the
// database file once: "q.db: the database is locked by another process".
#ifndef QINGLIAN_SQLITE_H_
#define QINGLIAN_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qinglian::sql {

class Db;

// How long a statement waits for another process's lock before failing.
constexpr int kBusyTimeoutMs = 10000;

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
  // Binds text that the caller keeps, unchanged, until the statement is next
  // Run or Reset: SQLite reads it where it is instead of copying it.
  Stmt& BindKept(int i, std::string_view v);
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
  // "PATH: reason" for the first error of the last Step()s; ok otherwise.
  const Status& status() const { return status_; }

 private:
  friend class Db;
  Stmt(sqlite3_stmt* s, const Db* db) : stmt_(s), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  const Db* db_ = nullptr;
  Status status_;
};

// How a database file is opened.
enum class OpenMode {
  kReadWrite,  // an existing file, for reading and writing
  kCreate,     // the same, creating the file (owner-only) when there is none
  kReadOnly,   // an existing file that this process will not write (see Db::Open)
};

class Db {
 public:
  // Opens the database file. kReadOnly creates nothing beside the file: when
  // no writer is active (no -wal file with content) the file is opened
  // immutable, which needs neither a -shm file nor a writable folder; else it
  // is read through the writer's -shm. Errors name the path.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, OpenMode mode);
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create) {
    return Open(path, create ? OpenMode::kCreate : OpenMode::kReadWrite);
  }
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Result<Stmt> Prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema, pragmas).
  Status Exec(const std::string& sql);
  int64_t LastInsertId() const;
  // Writes the open transaction's changed pages to the journal (the WAL)
  // now rather than at commit, which then has less to do.
  Status FlushCache();
  int Changes() const;
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  // Changes the wait for another process's lock (kBusyTimeoutMs).
  void SetBusyTimeout(int ms);
  // True when the last failure was another process holding a lock.
  bool last_error_busy() const { return last_error_busy_; }

  // Runs `sql` and returns the first column of its first row, if any.
  Result<std::optional<int64_t>> QueryInt(const std::string& sql);

  // "PATH: reason" for result code `rc` of this connection.
  Status Error(int rc) const;

 private:
  Db(sqlite3* db, std::string path, bool read_only)
      : db_(db), path_(std::move(path)), read_only_(read_only) {}
  sqlite3* db_;
  std::string path_;
  bool read_only_;
  mutable bool last_error_busy_ = false;
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
  // BEGIN: a read transaction, one snapshot for several statements; in WAL
  // mode it never waits for a writer.
  Status BeginRead();
  Status Commit();

 private:
  Db& db_;
  bool open_ = false;
};

}  // namespace qinglian::sql

#endif  // QINGLIAN_SQLITE_H_
