// Message. See message.hh.
#include "message.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS
int Message::configure(Vector<String>& conf, ErrorHandler* errh) {
  String msg, type = "MESSAGE";
  if (Args(conf, this, errh).read_mp("MESSAGE", msg).read_p("TYPE", WordArg(), type).complete() < 0) return -EINVAL;
  for (auto& c : type) c = toupper((unsigned char)c);
  if (type == "ERROR") return errh->error("%s", msg.c_str());
  if (type == "WARNING") errh->warning("%s", msg.c_str());
  else if (type == "MESSAGE") errh->message("%s", msg.c_str());
  else return errh->error("TYPE: expected MESSAGE, WARNING or ERROR");
  return 0;
}
EXPORT_ELEMENT(Message)
CLICK_ENDDECLS
