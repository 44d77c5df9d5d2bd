// FTPPortMapper. See ftpportmapper.hh.
#include "ftpportmapper.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/router.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS

int FTPPortMapper::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh)
      .read_mp("CONTROL_REWRITER", AnyArg(), control_name_)
      .read_mp("DATA_REWRITER", AnyArg(), data_name_)
      .read_mp("DATA_REWRITER_INPUT", data_input_)
      .complete();
}

int FTPPortMapper::initialize(ErrorHandler* errh) {
  // the rewriters may be declared after us: resolved once every element is configured
  auto rewriter = [&](const String& name, const char* what) -> IPRewriterBase* {
    Element* e = router()->find(name, compound_prefix());
    auto* rw = e ? static_cast<IPRewriterBase*>(e->cast("IPRewriterBase")) : nullptr;
    if (!rw || rw->rewriter_mode() != IPRewriterBase::M_PORTS) errh->error("%s: '%s' is not a TCP/UDP rewriter", what, name.c_str());
    return rw && rw->rewriter_mode() == IPRewriterBase::M_PORTS ? rw : nullptr;
  };
  control_ = rewriter(control_name_, "CONTROL_REWRITER");
  data_ = rewriter(data_name_, "DATA_REWRITER");
  if (!control_ || !data_) return -EINVAL;
  if (data_input_ < 0 || data_input_ >= data_->ninputs()) return errh->error("DATA_REWRITER_INPUT out of range");
  return 0;
}

Packet* FTPPortMapper::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP) return p;
  const unsigned char* th = p->network_header() + iph->ip_hl * 4;
  if (p->end_data() - th < 20) return p;
  unsigned data_offset = unsigned(th - p->data()) + (th[12] >> 4) * 4;
  if (data_offset > p->length()) return p;
  const unsigned char* data = p->data() + data_offset;
  unsigned len = p->length() - data_offset;
  if (len < 5 || strncasecmp(reinterpret_cast<const char*>(data), "PORT ", 5) != 0) return p;

  uint16_t sport, dport;
  memcpy(&sport, th, 2);
  memcpy(&dport, th + 2, 2);
  int cdir;
  RewriterFlow* control = control_->find_flow(IPRewriterBase::Flow(IP_PROTO_TCP, iph->ip_src.s_addr, sport, iph->ip_dst.s_addr, dport), cdir);
  if (!control) return p;

  // PORT a,b,c,d,p1,p2 then CR or LF
  unsigned pos = 5;
  while (pos < len && data[pos] == ' ') ++pos;
  unsigned arg = pos, nums[6] = {0, 0, 0, 0, 0, 0};
  int which = 0;
  for (; pos < len && which < 6; ++pos) {
    if (data[pos] >= '0' && data[pos] <= '9') nums[which] = nums[which] * 10 + (data[pos] - '0');
    else if (data[pos] == ',') ++which;
    else break;
    if (nums[which] >= 256) return p;
  }
  if (which != 5 || pos >= len || (data[pos] != '\r' && data[pos] != '\n')) return p;

  // the data connection: from the server's port (control port - 1) to the announced one
  uint32_t addr = htonl((nums[0] << 24) | (nums[1] << 16) | (nums[2] << 8) | nums[3]);
  uint16_t port = htons(uint16_t((nums[4] << 8) | nums[5]));
  int ddir;
  RewriterFlow* dataf = data_->flow_for(IPRewriterBase::Flow(IP_PROTO_TCP, addr, port, iph->ip_dst.s_addr,
                                                             htons(uint16_t(ntohs(dport) - 1))), data_input_, ddir);
  if (!dataf) return p;
  const IPRewriterBase::Flow& nf = dataf->to[ddir];
  uint32_t na = ntohl(std::get<1>(nf));
  unsigned np = ntohs(std::get<2>(nf));
  String text = string_printf("%u,%u,%u,%u,%u,%u", na >> 24, (na >> 16) & 255, (na >> 8) & 255, na & 255, np >> 8, np & 255);

  unsigned old_len = pos - arg, new_len = text.size();
  uint32_t seq;
  memcpy(&seq, th + 4, 4);
  WritablePacket* wp = new_len > old_len ? p->put(new_len - old_len) : p->uniqueify();
  if (!wp) return nullptr;
  unsigned char* d = wp->data() + data_offset;
  memmove(d + arg + new_len, d + arg + old_len, len - pos);
  memcpy(d + arg, text.data(), new_len);
  if (new_len < old_len) wp->take(old_len - new_len);

  click_ip* wiph = wp->ip_header();
  uint16_t old_hw = reinterpret_cast<uint16_t*>(wiph)[1];
  wiph->ip_len = htons(uint16_t(wp->end_data() - wp->network_header()));
  click_update_in_cksum(&wiph->ip_sum, old_hw, reinterpret_cast<uint16_t*>(wiph)[1]);
  // later data of this direction moves by the change in length
  control->add_seq_delta(cdir, ntohl(seq) + len, int32_t(new_len) - int32_t(old_len));
  dataf->reply_anno = control->reply_anno;   // the control connection's reply annotation holds for its data
  unsigned char* wth = wp->network_header() + wiph->ip_hl * 4;
  int tlen = int(wp->end_data() - wth);
  wth[16] = wth[17] = 0;
  uint16_t sum = click_in_cksum_pseudohdr(click_in_cksum_partial(wth, tlen), wiph->ip_src.s_addr, wiph->ip_dst.s_addr, IP_PROTO_TCP, tlen);
  memcpy(wth + 16, &sum, 2);
  return wp;
}

EXPORT_ELEMENT(FTPPortMapper)
CLICK_ENDDECLS
