// AggregateCounter. See aggregatecounter.hh.
#include "aggregatecounter.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
CLICK_DECLS

int AggregateCounter::configure(Vector<String>& conf, ErrorHandler* errh) {
  bool bytes = false, ip_bytes = false, multipacket = true, active = true;
  String banner;
  if (Args(conf, this, errh).read("BYTES", bytes).read("IP_BYTES", ip_bytes).read("MULTIPACKET", multipacket)
          .read("ACTIVE", active).read("BANNER", banner).complete() < 0)
    return -EINVAL;
  if (bytes && ip_bytes) return errh->error("BYTES and IP_BYTES are mutually exclusive");
  bytes_ = bytes;
  ip_bytes_ = ip_bytes;
  multipacket_ = multipacket;
  active_ = active;
  banner_ = banner;
  return 0;
}

void AggregateCounter::count(const Packet* p) {
  if (!active_) return;
  uint64_t n;
  if (bytes_) n = uint64_t(p->length()) + p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET);
  else if (ip_bytes_) {
    const click_ip* iph = p->ip_header();
    if (!iph || p->end_data() < p->network_header() + sizeof(click_ip)) return;
    n = ntohs(iph->ip_len);
  } else
    n = 1 + (multipacket_ ? p->anno_u32(EXTRA_PACKETS_ANNO_OFFSET) : 0);
  if (n) counts_[p->anno_u32(AGGREGATE_ANNO_OFFSET)] += n;
}

void AggregateCounter::push(int port, Packet* p) {
  count(p);
  output(port).push(p);
}

Packet* AggregateCounter::pull(int port) {
  Packet* p = input(port).pull();
  if (p) count(p);
  return p;
}

int AggregateCounter::write_file(const String& filename, ErrorHandler* errh) const {
  bool to_stdout = filename == "-";
  FILE* f = to_stdout ? stdout : fopen(filename.c_str(), "w");
  if (!f) return errh->error("%s: %s", filename.c_str(), strerror(errno));
  if (!banner_.empty()) fprintf(f, "!%s\n", banner_.c_str());
  fprintf(f, "!IPAggregate 1.0\n!num_nonzero %zu\n", counts_.size());
  for (auto& kv : counts_) fprintf(f, "%u %llu\n", kv.first, (unsigned long long)kv.second);
  if (to_stdout) fflush(f);
  else if (fclose(f) != 0) return errh->error("%s: %s", filename.c_str(), strerror(errno));
  return 0;
}

void AggregateCounter::add_handlers() {
  for (const char* name : {"write_text_file", "write_ascii_file"})
    add_write_handler(name, [this](const String& s, ErrorHandler* errh) -> int {
      String fn = cp_unquote(cp_uncomment(s));
      if (fn.empty()) return errh->error("expected a filename");
      return write_file(fn, errh);
    });
  add_write_handler("clear", [this](const String&, ErrorHandler*) { counts_.clear(); return 0; }, Handler::f_button);
  add_data_handlers("active", Handler::f_read | Handler::f_write | Handler::f_checkbox, &active_);
  add_read_handler("nagg", [this]() { return std::to_string(counts_.size()); });
}

EXPORT_ELEMENT(AggregateCounter)
CLICK_ENDDECLS
