#include "store/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace jianmei::store {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::IoError(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + " does not exist");
    return Errno("cannot open", path);
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Errno("cannot read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

namespace {

// A name no other writer uses: the pid tells processes apart, the counter threads and calls.
std::string TempName(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

// Creates a new temporary file beside `path` holding `data`, fsynced; sets *tmp to its name.
Status WriteTemp(const std::string& path, std::string_view data, int mode, std::string* tmp) {
  int fd = -1;
  // A crashed process whose pid came back may have left our first names behind: skip them.
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    *tmp = TempName(path);
    fd = ::open(tmp->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return Errno("cannot create", *tmp);
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = Errno("cannot write", *tmp);
      ::close(fd);
      ::unlink(tmp->c_str());
      return s;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status s = Errno("cannot fsync", *tmp);
    ::close(fd);
    ::unlink(tmp->c_str());
    return s;
  }
  ::close(fd);
  return Status::Ok();
}

void SyncDirOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view data, int mode) {
  std::string tmp;
  if (Status s = WriteTemp(path, data, mode, &tmp); !s.ok()) return s;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status s = Errno("cannot rename " + tmp + " onto", path);
    ::unlink(tmp.c_str());
    return s;
  }
  SyncDirOf(path);
  return Status::Ok();
}

Result<bool> CreateFileExclusive(const std::string& path, std::string_view data, int mode) {
  std::string tmp;
  if (Status s = WriteTemp(path, data, mode, &tmp); !s.ok()) return s;
  // link() fails if path exists, so the file appears whole or not at all and is never replaced.
  int rc = ::link(tmp.c_str(), path.c_str());
  int err = errno;
  ::unlink(tmp.c_str());
  if (rc != 0 && err == EEXIST) return false;
  if (rc != 0) {
    errno = err;
    return Errno("cannot link " + tmp + " to", path);
  }
  SyncDirOf(path);
  return true;
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Result<bool> SameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return false;
    return Errno("cannot examine", a);
  }
  if (::stat(b.c_str(), &sb) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return false;
    return Errno("cannot examine", b);
  }
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

namespace {

std::string DirOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Result<std::vector<std::string>> ListTempFiles(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = DirOf(path);
  std::string prefix = (slash == std::string::npos ? path : path.substr(slash + 1)) + ".tmp.";
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return Errno("cannot list", dir);
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
      names.emplace_back(name);
    }
  }
  ::closedir(d);
  return names;
}

Result<int> RemoveTempFiles(const std::string& path) {
  auto names = ListTempFiles(path);
  if (!names.ok()) return names.status();
  int removed = 0;
  for (const std::string& name : *names) {
    std::string victim = DirOf(path) + "/" + name;
    if (::unlink(victim.c_str()) == 0) {
      ++removed;
    } else if (errno != ENOENT) {
      return Errno("cannot remove", victim);
    }
  }
  if (removed > 0) SyncDirOf(path);
  return removed;
}

}  // namespace jianmei::store
