// Test-only: a throw-away RFC 3161 time-stamping authority made with the `openssl` command in a
// temporary directory of its own, removed at destruction (a CA, a TSA certificate it issues, an `openssl ts` configuration), and
// answering queries with `openssl ts -reply`; LoopbackTsa serves it over HTTP on 127.0.0.1.
// Nothing leaves the machine. Not thread-safe (the server answers one request at a time).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include "core/temp_dir.h"

namespace jianmei::evidence::testing {

class TestTsa {
 public:
  TestTsa() = default;
  TestTsa(const TestTsa&) = delete;
  TestTsa& operator=(const TestTsa&) = delete;

  // Makes the CA and the TSA's key and certificate; false (with error()) on failure.
  bool Create() {
    if (tmp_.path().empty()) {
      error_ = "cannot make a temporary directory";
      return false;
    }
    Write("ext.cnf",
          "[tsa]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
          "extendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\n"
          "authorityKeyIdentifier=keyid\n");
    Write("serial", "01\n");
    Write("ts.cnf",
          "[tsa]\ndefault_tsa = test_tsa\n[test_tsa]\n"
          "serial = " + tmp_.path() + "/serial\ncrypto_device = builtin\n"
          "signer_cert = " + tmp_.path() + "/tsa.pem\ncerts = " + tmp_.path() + "/ca.pem\n"
          "signer_key = " + tmp_.path() + "/tsa.key\nsigner_digest = sha256\n"
          "default_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\n"
          "ordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n");
    return Run("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2"
               " -subj '/CN=Fictional Test TSA Root' -keyout " + P("ca.key") + " -out " + P("ca.pem") +
               " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign") &&
           Run("req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
               " -subj '/CN=Fictional Test TSA' -keyout " + P("tsa.key") + " -out " + P("tsa.csr")) &&
           Run("x509 -req -days 2 -in " + P("tsa.csr") + " -CA " + P("ca.pem") + " -CAkey " +
               P("ca.key") + " -set_serial 2 -extfile " + P("ext.cnf") + " -extensions tsa -out " +
               P("tsa.pem"));
  }

  // Answers a DER query as the TSA would; empty (with error()) on failure.
  std::string Reply(std::string_view query) {
    std::string q = "query" + std::to_string(++replies_) + ".tsq";
    std::string r = "reply" + std::to_string(replies_) + ".tsr";
    Write(q, query);
    if (!Run("ts -reply -config " + P("ts.cnf") + " -queryfile " + P(q) + " -out " + P(r))) return "";
    return Read(r);
  }

  std::string ca_pem() const { return Read("ca.pem"); }
  std::string tsa_pem() const { return Read("tsa.pem"); }
  const std::string& error() const { return error_; }

 private:
  std::string P(const std::string& name) const { return "'" + tmp_.path() + "/" + name + "'"; }
  void Write(const std::string& name, std::string_view data) const {
    std::ofstream(tmp_.path() + "/" + name, std::ios::binary).write(data.data(), data.size());
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(tmp_.path() + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  bool Run(const std::string& args) {
    std::string cmd = "openssl " + args + " >" + P("openssl.log") + " 2>&1";
    if (std::system(cmd.c_str()) == 0) return true;
    error_ = cmd + ": " + Read("openssl.log");
    return false;
  }

  TempDir tmp_;
  std::string error_;
  int replies_ = 0;
};

// TestTsa behind an HTTP server on 127.0.0.1 (an ephemeral port): POST /tsr answers a query;
// POST /wrong-type answers with a text/plain body.
class LoopbackTsa {
 public:
  bool Start() {
    if (!tsa_.Create()) return false;
    server_.Post("/tsr", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      std::string reply = tsa_.Reply(req.body);
      if (reply.empty()) {
        res.status = 500;
        return;
      }
      res.set_content(reply, "application/timestamp-reply");
    });
    server_.Post("/wrong-type", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("not a token", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return false;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    return true;
  }
  ~LoopbackTsa() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url(const std::string& path = "/tsr") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  TestTsa& tsa() { return tsa_; }

 private:
  TestTsa tsa_;
  httplib::Server server_;
  std::mutex mu_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace jianmei::evidence::testing
