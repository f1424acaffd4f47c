// Small whole-file helpers with Status errors. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jianmei::store {

Result<std::string> ReadFile(const std::string& path);
// Writes to a temporary file of its own beside path (so concurrent writers do not clash), fsyncs
// it, renames it over path and fsyncs the directory.
Status WriteFileAtomic(const std::string& path, std::string_view data, int mode = 0644);
// Like WriteFileAtomic but never replaces an existing path: true if it created path, false if
// path already existed (then it is left untouched).
Result<bool> CreateFileExclusive(const std::string& path, std::string_view data, int mode);
bool FileExists(const std::string& path);
// True when both paths name one existing file: the same device and inode, symbolic links followed
// (so another spelling of the path and a hard link count). False when either does not exist;
// IoError when one cannot be examined.
Result<bool> SameFile(const std::string& a, const std::string& b);
// Removes the temporary files WriteFileAtomic and CreateFileExclusive make for `path`
// (`<path>.tmp.<pid>.<n>`) that a killed writer left behind; returns how many. The caller must
// know that no live writer is between creating and renaming one (e.g. hold the lock writers
// take). Other files in the directory are left alone.
Result<int> RemoveTempFiles(const std::string& path);
// The names (without directory) of those temporary files, removing nothing.
Result<std::vector<std::string>> ListTempFiles(const std::string& path);

}  // namespace jianmei::store
