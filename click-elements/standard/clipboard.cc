// Clipboard. See clipboard.hh.
#include "clipboard.hh"
#include <click/args.hh>
#include <click/packet.hh>
#include <cstring>
CLICK_DECLS

int Clipboard::configure(Vector<String>& conf, ErrorHandler* errh) {
  Vector<Range> ranges;
  size_t total = 0;
  uint32_t min_length = 0;
  for (size_t i = 0; i < conf.size(); ++i) {
    const String& arg = conf[i];
    size_t slash = arg.find('/');
    if (slash == String::npos || slash == 0 || slash + 1 >= arg.size())
      return errh->error("range %d: expected '/' between offset and length", int(i));
    Range r;
    ArgContext ctx(this, errh);
    if (!IntArg().parse(arg.substr(0, slash), r.offset, ctx) || !IntArg().parse(arg.substr(slash + 1), r.length, ctx))
      return errh->error("range %d: invalid offset or length", int(i));
    if (uint64_t(r.offset) + r.length > 0xFFFFFFFFu) return errh->error("range %d: too large", int(i));
    ranges.push_back(r);
    total += r.length;
    if (r.offset + r.length > min_length) min_length = r.offset + r.length;
  }
  ranges_ = ranges;
  clipboard_.assign(total, 0);
  min_length_ = min_length;
  return 0;
}

void Clipboard::copy(const Packet* p) {
  if (p->length() < min_length_) return;
  unsigned char* dst = clipboard_.data();
  for (const Range& r : ranges_) {
    memcpy(dst, p->data() + r.offset, r.length);
    dst += r.length;
  }
}

Packet* Clipboard::paste(Packet* p) {
  if (p->length() < min_length_) return p;
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  const unsigned char* src = clipboard_.data();
  for (const Range& r : ranges_) {
    memcpy(q->data() + r.offset, src, r.length);
    src += r.length;
  }
  return q;
}

void Clipboard::push(int port, Packet* p) {
  if (port == 0) copy(p);
  else if (!(p = paste(p))) return;
  output(port).push(p);
}

Packet* Clipboard::pull(int port) {
  Packet* p = input(port).pull();
  if (!p) return nullptr;
  if (port == 0) { copy(p); return p; }
  return paste(p);
}

EXPORT_ELEMENT(Clipboard)
CLICK_ENDDECLS
