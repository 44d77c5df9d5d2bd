#!/usr/bin/perl
# make-geoip.pl — writes a GeoIP2-City .mmdb for test addresses (no download of GeoLite):
#   perl make-geoip.pl OUT.mmdb < networks.txt
# networks.txt: one "PREFIX CITY COUNTRY LATITUDE LONGITUDE" per line ('#' comments),
# e.g. "10.40.2.0/24 Boston US 42.36 -71.06". Uses Debian's libmaxmind-db-writer-perl.
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $out = shift or die "usage: make-geoip.pl OUT.mmdb < networks.txt\n";
my %types = (
    city => 'map', names => 'map', en => 'utf8_string', country => 'map', iso_code => 'utf8_string',
    location => 'map', latitude => 'double', longitude => 'double',
);
my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version => 4, record_size => 24, database_type => 'GeoIP2-City',
    languages => ['en'], description => { en => 'NetServ test addresses' },
    map_key_type_callback => sub { $types{ $_[0] } },
    remove_reserved_networks => 0,    # the test topologies use RFC 1918 addresses
);
my $n = 0;
while (my $line = <STDIN>) {
    $line =~ s/#.*//;
    next unless $line =~ /\S/;
    my ($net, $city, $cc, $lat, $lon) = split ' ', $line;
    die "line $.: expected PREFIX CITY COUNTRY LAT LON\n" unless defined $lon;
    $tree->insert_network($net, {
        city => { names => { en => $city } }, country => { iso_code => $cc },
        location => { latitude => $lat + 0, longitude => $lon + 0 },
    });
    $n++;
}
open my $fh, '>:raw', $out or die "$out: $!\n";
$tree->write_tree($fh);
close $fh;
print STDERR "make-geoip: $n networks written to $out\n";
