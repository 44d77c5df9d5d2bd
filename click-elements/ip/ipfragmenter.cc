// IPFragmenter. See ipfragmenter.hh.
#include "ipfragmenter.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS

int IPFragmenter::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (Args(conf, this, errh).read_mp("MTU", mtu_).read("HONOR_DF", honor_df_).read("VERBOSE", verbose_)
          .read("HEADROOM", headroom_).complete() < 0)
    return -EINVAL;
  if (mtu_ < 28) return errh->error("MTU must be at least 28");
  return 0;
}

void IPFragmenter::push(int, Packet* p) {
  const click_ip* iph = p->ip_header();
  uint32_t off = p->network_header_offset();
  if (!iph || p->length() - off <= mtu_) { output(0).push(p); return; }
  if (honor_df_ && (iph->ip_off & htons(IP_DF))) {
    if (verbose_ && noutputs() < 2) click_chatter("%s: DF packet of %u bytes dropped", declaration().c_str(), p->length() - off);
    ++drops_;
    checked_output_push(1, p);
    return;
  }
  fragment(p);
}

void IPFragmenter::fragment(Packet* p) {
  const click_ip* iph = p->ip_header();
  const unsigned char* nh = p->network_header();
  int hl = iph->ip_hl * 4;
  int iplen = std::min<int>(ntohs(iph->ip_len), p->end_data() - nh);
  uint16_t off0 = ntohs(iph->ip_off);
  bool mf0 = off0 & IP_MF;
  int base = (off0 & IP_OFFMASK) * 8;
  // Options copied into later fragments: those with the copy bit.
  String later_opts;
  for (int i = 20; i < hl;) {
    int k = nh[i];
    if (k == IPOPT_EOL) break;
    if (k == IPOPT_NOP) { ++i; continue; }
    int ol = i + 1 < hl ? nh[i + 1] : 0;
    if (ol < 2 || i + ol > hl) break;
    if (k & 0x80) later_opts.append((const char*)nh + i, ol);
    i += ol;
  }
  while (later_opts.size() % 4) later_opts += char(IPOPT_EOL);
  int later_hl = 20 + int(later_opts.size());
  for (int pos = hl; pos < iplen;) {
    bool first = pos == hl;
    int fhl = first ? hl : later_hl;
    int chunk = ((int(mtu_) - fhl) / 8) * 8;
    if (chunk <= 0) { ++drops_; break; }   // options leave no room for data
    bool last = pos + chunk >= iplen;
    if (last) chunk = iplen - pos;
    WritablePacket* q = Packet::make(headroom_, nullptr, fhl + chunk, 0);
    if (!q) break;
    unsigned char* d = q->data();
    memcpy(d, nh, 20);
    if (first) memcpy(d + 20, nh + 20, hl - 20);
    else memcpy(d + 20, later_opts.data(), later_opts.size());
    memcpy(d + fhl, nh + pos, chunk);
    click_ip* qh = reinterpret_cast<click_ip*>(d);
    qh->ip_hl = fhl / 4;
    qh->ip_len = htons(uint16_t(fhl + chunk));
    uint16_t foff = uint16_t((base + pos - hl) / 8) | (off0 & IP_DF) | ((!last || mf0) ? IP_MF : 0);
    qh->ip_off = htons(foff);
    qh->ip_sum = 0;
    qh->ip_sum = click_in_cksum(d, fhl);
    q->copy_annotations(p);
    q->set_network_header(d, fhl);
    ++fragments_;
    output(0).push(q);
    pos += chunk;
  }
  p->kill();
}

void IPFragmenter::add_handlers() {
  add_read_handler("drops", [this]() { return std::to_string(drops_); });
  add_read_handler("fragments", [this]() { return std::to_string(fragments_); });
}
EXPORT_ELEMENT(IPFragmenter)
CLICK_ENDDECLS
