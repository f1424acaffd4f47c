#include "server/http_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "server/connection_table.h"
#include "server/http_connection.h"
#include "server/worker_pool.h"

namespace jianmei::server {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// How often a stopping server looks whether its last connection has ended.
constexpr std::chrono::milliseconds kDrainPoll{20};
// How long accepting pauses when the process is out of file descriptors, rather than spin.
constexpr std::chrono::milliseconds kAcceptRetry{100};

std::string ClientAddress(const tcp::endpoint& ep) {
  const net::ip::address a = ep.address();
  // ::ffff:127.0.0.1 on a dual-stack socket is the client 127.0.0.1, counted as one.
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6()).to_string();
  }
  return a.to_string();
}

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions o, HttpHandlers h)
      : options(std::move(o)),
        handlers(std::move(h)),
        table(options.max_connections, options.max_connections_per_address),
        workers(options.worker_threads),
        context{options, handlers, workers, table},
        ioc(options.io_threads),
        acceptor(net::make_strand(ioc)),
        drain_timer(acceptor.get_executor()),
        accept_retry(acceptor.get_executor()) {}

  void Accept();
  void OnAccept(tcp::socket socket);
  void BeginStop();
  void PollDrain();

  // Declared in the order they must outlive one another: connections destroyed with the
  // io_context's pending handlers remove themselves from the table.
  HttpServerOptions options;
  HttpHandlers handlers;
  ConnectionTable table;
  WorkerPool workers;
  ConnectionContext context;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer drain_timer, accept_retry;
  bool stopping = false;  // on the acceptor's strand
  std::chrono::steady_clock::time_point drain_deadline;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
    if (stopping || ec == net::error::operation_aborted) return;
    if (ec) {
      accept_retry.expires_after(kAcceptRetry);
      accept_retry.async_wait([this](boost::system::error_code wait_ec) {
        if (!wait_ec && !stopping) Accept();
      });
      return;
    }
    OnAccept(std::move(socket));
    Accept();
  });
}

void HttpServer::Impl::OnAccept(tcp::socket socket) {
  boost::system::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;
  // Headers and body may go out in separate writes: without this, Nagle and delayed ACKs add
  // ~40 ms to an answer.
  socket.set_option(tcp::no_delay(true), ec);
  const std::string address = ClientAddress(peer);
  auto connection = std::make_shared<HttpConnection>(std::move(socket), address, context);
  switch (table.Add(connection.get(), address, connection)) {
    case ConnectionTable::Admission::kAdmitted:
      connection->Start();
      break;
    case ConnectionTable::Admission::kTooManyInTotal:
      connection->Refuse("the server has " + std::to_string(options.max_connections) +
                         " connections open, its limit (max_connections); try again later");
      break;
    case ConnectionTable::Admission::kTooManyFromAddress:
      connection->Refuse(address + " has " + std::to_string(options.max_connections_per_address) +
                         " connections open, the limit per client address "
                         "(max_connections_per_address); reuse them (keep-alive) or close some");
      break;
  }
}

void HttpServer::Impl::BeginStop() {
  if (stopping) return;
  stopping = true;
  boost::system::error_code ec;
  acceptor.close(ec);
  accept_retry.cancel();
  for (const auto& connection : table.Live()) connection->Shutdown();
  drain_deadline = std::chrono::steady_clock::now() + options.drain_timeout;
  PollDrain();
}

void HttpServer::Impl::PollDrain() {
  // Once the table is empty nothing re-arms the timer, and run() returns when the last
  // connection's handlers are done.
  if (table.size() == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now >= drain_deadline) {
    for (const auto& connection : table.Live()) connection->ForceClose();
    // A connection whose answer is still being computed holds no socket operation that the
    // close would end; stopping the loop ends it (its socket closes with it).
    ioc.stop();
    return;
  }
  drain_timer.expires_after(std::min<std::chrono::steady_clock::duration>(kDrainPoll, drain_deadline - now));
  drain_timer.async_wait([this](boost::system::error_code) { PollDrain(); });
}

HttpServer::HttpServer(HttpServerOptions options, HttpHandlers handlers)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handlers))) {}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) {
    return Status::IoError("cannot listen on " + where + ": " + (ec ? ec.message() : "no address"));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  tcp::acceptor& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Status::IoError("cannot listen on " + where + ": " + ec.message());
  return static_cast<int>(a.local_endpoint().port());
}

void HttpServer::Run() {
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    if (!impl->stopping) impl->Accept();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (std::thread& t : threads) t.join();
  // Answers computed after the loop stopped have nowhere to go; the handlers still finish.
  impl_->workers.Stop();
}

void HttpServer::Stop() {
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] { impl->BeginStop(); });
}

}  // namespace jianmei::server
