// HANDLERS: e.ethertype
FromDump(in.pcap, STOP true) -> Strip(14)
  -> e :: EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02) -> ToDump(o0.pcap);
