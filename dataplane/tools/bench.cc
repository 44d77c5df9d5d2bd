// netserv-click-bench: packets per second through
//   Classifier -> Strip -> CheckIPHeader -> IPClassifier(20 patterns) -> Counter -> Discard
// fed by an in-memory source (InfiniteSource cloning one template frame, so
// the packet data is shared and no buffer is copied), on one core. Prints pps
// and ns/packet, and the packet-pool counters that show the forwarding path
// allocates nothing per packet.
//   usage: netserv-click-bench [PACKETS] [REPEATS]
#include <click/router.hh>
#include <cstdio>
#include <cstdlib>
#include <ctime>
using namespace netserv;

static double cpu_seconds() {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}
static double wall_seconds() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  long packets = argc > 1 ? atol(argv[1]) : 5000000;
  int repeats = argc > 2 ? atoi(argv[2]) : 3;
  // Ethernet + IPv4 (10.1.0.1 -> 10.2.0.2, valid checksum) + UDP 1000 -> 5060, 64-byte frame.
  const char* frame =
      "\\<00 11 22 33 44 55 00 aa bb cc dd ee 08 00"
      " 45 00 00 32 00 00 00 00 40 11 66 b6 0a 01 00 01 0a 02 00 02"
      " 03 e8 13 c4 00 1e 00 00 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 75 76>";
  String patterns;
  for (int i = 0; i < 19; ++i) patterns += string_printf("udp dst port %d, ", 2000 + i);
  patterns += "udp dst port 5060";
  String outs;
  for (int i = 0; i < 19; ++i) outs += string_printf("ipc[%d] -> Discard;\n", i);
  String conf = string_printf(
      "src :: InfiniteSource(DATA \"%s\", LIMIT %ld, BURST 64, STOP true)\n"
      "  -> Classifier(12/0800, -) [0] -> Strip(14) -> CheckIPHeader\n"
      "  -> ipc :: IPClassifier(%s)\n"
      "  [19] -> c :: Counter -> Discard;\n"
      "Classifier@2 [1] -> Discard;\n%s",
      frame, packets, patterns.c_str(), outs.c_str());
  printf("pipeline: InfiniteSource -> Classifier -> Strip -> CheckIPHeader -> IPClassifier(20 patterns) -> Counter -> Discard\n");
  double best_ns = 1e18;
  for (int r = 0; r < repeats; ++r) {
    auto router = Router::make(conf, "bench.click", {}, ErrorHandler::default_handler());
    if (!router) return 1;
    auto before = Packet::pool_stats();
    double c0 = cpu_seconds(), w0 = wall_seconds();
    router->run();
    double c1 = cpu_seconds(), w1 = wall_seconds();
    auto after = Packet::pool_stats();
    String count;
    router->handler_read("c.count", count, ErrorHandler::default_handler());
    long n = atol(count.c_str());
    if (n != packets) { fprintf(stderr, "bench: counted %ld packets, expected %ld\n", n, packets); return 1; }
    double ns = (c1 - c0) * 1e9 / n;
    if (ns < best_ns) best_ns = ns;
    printf("run %d: %ld packets, %.3f s cpu (%.3f s wall): %.0f pps per core, %.1f ns/packet; "
           "pool: %llu new buffers, %llu new packet objects, %llu heap buffers during the run\n",
           r + 1, n, c1 - c0, w1 - w0, n / (c1 - c0), ns,
           (unsigned long long)(after.buffer_allocs - before.buffer_allocs),
           (unsigned long long)(after.packet_allocs - before.packet_allocs),
           (unsigned long long)(after.heap_buffers - before.heap_buffers));
  }
  printf("best: %.0f pps per core, %.1f ns/packet\n", 1e9 / best_ns, best_ns);
  return 0;
}
