#!/usr/bin/env bash
# build-image.sh — the bootable NetServ router image (issue #18), as root:
#
#   build/image/netserv-VERSION-amd64.img    raw GPT disk image: BIOS and UEFI boot
#   build/image/netserv-VERSION-amd64.qcow2  the same disk for QEMU/KVM
#   build/image/netserv-VERSION-amd64.bmap   block map for bmaptool (fast flashing)
#   build/image/netserv-VERSION-root.ext4    the system partition alone (updates)
#   build/image/MANIFEST                     package versions, sizes, checksums
#
# Disk layout (GPT, 1 MiB aligned; LBA = 512-byte sectors):
#
#   LBA 0        protective MBR + GRUB boot.img (BIOS)      440 bytes of code
#   LBA 1-33     primary GPT
#   p1  1 MiB    BIOS boot partition: GRUB core.img         (BIOS machines)
#   p2  64 MiB   EFI system partition, FAT32, LABEL=NSBOOT: EFI/BOOT/BOOTX64.EFI,
#                netserv.conf (the lab's one file), optional router.click/policy.xml
#   p3  system   ext4 LABEL=NSROOT, mounted read-only: Debian 12 + /opt/netserv
#   p4  state    ext4 LABEL=NSSTATE: /var/lib/netserv (modules, nonce journal, caches,
#                the /etc overlay); grown to the disk's end on first boot
#   last 33      backup GPT
#
# Only Debian packages are needed (deps/image-packages.txt); no loop device, no mount:
# filesystems are made from directories (mkfs.ext4 -d, mtools) and written into the
# disk file at their offsets.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${IMAGE_OUT:-$top/build/image}
version=${VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$top/pom.xml" | head -1)}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)}
export E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C.UTF-8
name=netserv-$version-amd64
say() { printf 'image: %s\n' "$*"; }
die() { printf 'image: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (mmdebstrap, file ownership in the root filesystem)"
for c in mmdebstrap mkfs.ext4 mkfs.vfat mcopy mmd sfdisk grub-mkimage qemu-img; do
  command -v $c >/dev/null || die "$c is missing: run 'make deps' (deps/image-packages.txt)"
done
for f in bin/netserv-click bin/netserv-container lib/libnetserv-bridge.so container/lib; do
  [ -e "$top/build/$f" ] || die "build/$f is missing: run 'make build' first"
done
ctl_jar=$(ls "$top"/controller/core/target/netserv-controller-*-all.jar 2>/dev/null | head -1)
nsis_jar=$(ls "$top"/nsis/core/target/netserv-nsis-*-all.jar 2>/dev/null | head -1)
[ -n "$ctl_jar" ] && [ -n "$nsis_jar" ] || die "controller/nsis jars missing: run 'make build' first"

mkdir -p "$out/cache"
work=$(mktemp -d "$out/work.XXXXXX")
cleanup() {
  for m in dev/pts dev sys proc; do mountpoint -q "$work/root/$m" 2>/dev/null && umount -l "$work/root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------- 1. Debian base (cached)
# Keyed by the package list: the same list gives the same tarball (as far as the
# mirror's current bookworm versions; MANIFEST records them).
pkgs=$(sed -e 's/#.*//' "$here/packages.txt" | tr -s ' \n' ' ' | xargs)
key=$(printf '%s\n%s\n%s\n' "$suite" "$mirror" "$pkgs" | sha256sum | cut -c1-16)
base=$out/cache/base-$key.tar
if [ ! -s "$base" ]; then
  say "debian $suite base (mmdebstrap, $(echo $pkgs | wc -w) packages + dependencies) -> $base"
  # (openjdk's postinst links its man page into /usr/share/man/man1, excluded below)
  mmdebstrap --variant=minbase --format=tar --include="${pkgs// /,}" \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    "$suite" "$base.part" "$mirror" >"$out/cache/mmdebstrap-$key.log" 2>&1 \
    || die "mmdebstrap failed: $(tail -5 "$out/cache/mmdebstrap-$key.log")"
  mv "$base.part" "$base"
else
  say "debian $suite base from cache: $base"
fi

# ---------------------------------------------------------------- 2. the system tree
root=$work/root
mkdir -p "$root"
tar --numeric-owner --xattrs --xattrs-include='*' -xpf "$base" -C "$root"
chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' > "$work/packages"
say "NetServ payload -> /opt/netserv"
opt=$root/opt/netserv
install -d "$opt/bin" "$opt/lib" "$opt/share" "$opt/container" "$opt/click-configs"
install -m 755 "$top/build/bin/netserv-click" "$top/build/bin/netserv-container" "$opt/bin/"
install -m 644 "$top/build/lib/libnetserv-bridge.so" "$opt/lib/"
cp -r "$top/build/container/lib" "$top/build/container/bundles" "$opt/container/"
install -m 644 "$ctl_jar" "$opt/share/netserv-controller.jar"
install -m 644 "$nsis_jar" "$opt/share/netserv-nsis.jar"
install -m 644 "$top"/click-configs/*.click "$opt/click-configs/"
install -m 755 "$top/click-configs/netserv-router.sh" "$opt/click-configs/"
cat > "$opt/bin/netserv-ctl" <<'EOF'
#!/bin/sh
exec java -XX:TieredStopAtLevel=1 -cp /opt/netserv/share/netserv-controller.jar org.netserv.controller.cli.NetservCtl \
  --admin-socket /run/netserv/controller-admin.sock "$@"
EOF
cat > "$opt/bin/netserv-signal" <<'EOF'
#!/bin/sh
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp /opt/netserv/share/netserv-nsis.jar org.netserv.nsis.signal.SignalCli "$@"
EOF
chmod 755 "$opt/bin/netserv-ctl" "$opt/bin/netserv-signal"
echo "$version" > "$opt/VERSION"
git -C "$top" rev-parse HEAD > "$opt/COMMIT" 2>/dev/null || true

say "services, boot scripts, GRUB configuration"
cp -a "$here/rootfs/." "$root/"
install -d "$root/var/lib/netserv" "$root/boot/efi" "$root/boot/grub"
ln -sf /opt/netserv/bin/netserv-ctl "$root/usr/local/bin/netserv-ctl"
ln -sf /opt/netserv/bin/netserv-signal "$root/usr/local/bin/netserv-signal"
ln -sf /opt/netserv/bin/netserv-click "$root/usr/local/bin/netserv-click"
install -d "$root/etc/systemd/system/multi-user.target.wants" "$root/etc/systemd/system/netserv.target.wants"
ln -sf ../netserv.target "$root/etc/systemd/system/multi-user.target.wants/netserv.target"
for u in configure click controller nsisd ready; do
  ln -sf ../netserv-$u.service "$root/etc/systemd/system/netserv.target.wants/netserv-$u.service"
done
# the router owns its interfaces: nothing else may configure them
rm -f "$root/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
: > "$root/etc/machine-id"                 # generated on first boot, kept in the /etc overlay
echo netserv > "$root/etc/hostname"
rm -f "$root/etc/resolv.conf"; echo "# no name server until netserv.conf names one (DNS=)" > "$root/etc/resolv.conf"
rm -f "$root"/etc/ssh/ssh_host_*           # per node, made on first boot (netserv-configure)
sed -i 's/^#\?\s*Storage=.*/Storage=volatile/' "$root/etc/systemd/journald.conf"
# the console: root logs in with the password from netserv.conf
cat > "$root/boot/grub/grub.cfg" <<EOF
# NetServ $version — written by image-builder/build-image.sh
serial --unit=0 --speed=115200
terminal_input console serial
terminal_output console serial
set timeout=1
# extra kernel arguments a lab may set on the boot partition, in grub-args.cfg:
#   set netserv_args="systemd.journald.forward_to_console=1"
set netserv_args=""
search --no-floppy --label NSBOOT --set=nsboot
if [ -f (\$nsboot)/grub-args.cfg ]; then source (\$nsboot)/grub-args.cfg; fi
export netserv_args
menuentry "NetServ $version" {
  search --no-floppy --label NSROOT --set=root
  linux /vmlinuz root=LABEL=NSROOT ro console=tty0 console=ttyS0,115200n8 net.ifnames=0 quiet systemd.show_status=error \$netserv_args
  initrd /initrd.img
}
EOF
cp -r /usr/lib/grub/i386-pc /usr/lib/grub/x86_64-efi "$root/boot/grub/"
rm -f "$root"/boot/grub/*/*.image "$root"/boot/grub/*/*.module 2>/dev/null || true

# drivers a router never has (sound, video capture, GPUs, wireless): ~2/3 of the modules
kver=$(ls "$root/lib/modules" | head -1)
for d in sound drivers/media drivers/gpu drivers/net/wireless drivers/infiniband drivers/staging \
         drivers/bluetooth drivers/iio drivers/isdn drivers/input/touchscreen drivers/hid net/bluetooth net/mac80211 net/wireless; do
  rm -rf "$root/lib/modules/$kver/kernel/$d"
done
rm -rf "$root/usr/lib/firmware" "$root/lib/firmware"
# the rest compressed (kmod loads .ko.xz; the kernel's own decompressor is not needed)
find "$root/lib/modules/$kver" -name '*.ko' -print0 | xargs -0r -P "$(nproc)" -n 64 xz -q --check=crc32 -T1

say "initramfs (state partition + /etc overlay hook)"
for m in proc sys dev dev/pts; do mkdir -p "$root/$m"; done
mount -t proc proc "$root/proc"; mount --rbind /sys "$root/sys"; mount --bind /dev "$root/dev"; mount --bind /dev/pts "$root/dev/pts"
chroot "$root" depmod -a "$kver"
chroot "$root" update-initramfs -c -k "$kver" >"$work/initramfs.log" 2>&1 || die "update-initramfs failed: $(tail -5 "$work/initramfs.log")"
for m in dev/pts dev sys proc; do umount -l "$root/$m"; done
rm -f "$root"/boot/initrd.img-*.bak
# stable names for GRUB (Debian's symlinks in / point at /boot)
[ -e "$root/vmlinuz" ] || ln -s "boot/vmlinuz-$kver" "$root/vmlinuz"
[ -e "$root/initrd.img" ] || ln -s "boot/initrd.img-$kver" "$root/initrd.img"
find "$root" -newermt "@$SOURCE_DATE_EPOCH" -print0 | xargs -0r touch -h -d "@$SOURCE_DATE_EPOCH"

# ---------------------------------------------------------------- 3. filesystems
say "filesystems"
# a read-only system needs little slack: 5 % + 32 MiB for ext4's own structures
rmb=$(( ( $(du -sm --apparent-size "$root" | cut -f1) * 105 / 100 ) + 32 ))
mkfs.ext4 -q -F -L NSROOT -U 6e657473-6572-7600-0000-000000000003 -E root_owner=0:0,hash_seed=6e657473-6572-7600-0000-0000000000aa \
  -m 0 -d "$root" "$work/root.ext4" "${rmb}M"
mkdir -p "$work/state"
mkfs.ext4 -q -F -L NSSTATE -U 6e657473-6572-7600-0000-000000000004 -E hash_seed=6e657473-6572-7600-0000-0000000000bb \
  -d "$work/state" "$work/state.ext4" 64M
# EFI system partition: the UEFI loader, and the lab's configuration file
early=$work/early.cfg
cat > "$early" <<'EOF'
search --no-floppy --label NSROOT --set=root
set prefix=($root)/boot/grub
EOF
mods="part_gpt part_msdos ext2 fat search search_label search_fs_uuid normal linux configfile echo test serial terminal gzio"
grub-mkimage -O x86_64-efi -o "$work/BOOTX64.EFI" -c "$early" -p /boot/grub $mods efi_gop all_video
grub-mkimage -O i386-pc -o "$work/core.img" -c "$early" -p /boot/grub $mods biosdisk
truncate -s 64M "$work/esp.vfat"
mkfs.vfat -F 32 -s 1 -n NSBOOT -i 4e534254 --invariant "$work/esp.vfat" >/dev/null
mmd -i "$work/esp.vfat" ::/EFI ::/EFI/BOOT
mcopy -i "$work/esp.vfat" -m "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$work/esp.vfat" -m "$here/netserv.conf" ::/netserv.conf
mcopy -i "$work/esp.vfat" -m "$here/boot-partition-README.txt" ::/README.txt

# ---------------------------------------------------------------- 4. the disk
say "disk image"
mib=$((1024 * 1024))
root_mib=$(( ( $(stat -c %s "$work/root.ext4") + mib - 1 ) / mib ))
p1=1 p2=2 p3=66 p4=$((66 + root_mib))          # partition starts in MiB
total=$(( p4 + 64 + 1 ))
img=$work/$name.img
truncate -s "${total}M" "$img"
sfdisk -q --label gpt "$img" <<EOF
label-id: 6E657473-6572-7600-0000-000000000000
start=${p1}MiB, size=1MiB, type=21686148-6449-6E6F-744E-656564454649, uuid=6E657473-6572-7600-0000-000000000001, name="bios-boot"
start=${p2}MiB, size=64MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=6E657473-6572-7600-0000-000000000002, name="NSBOOT"
start=${p3}MiB, size=${root_mib}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=6E657473-6572-7600-0000-000000000003, name="NSROOT"
start=${p4}MiB, size=64MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=6E657473-6572-7600-0000-000000000004, name="NSSTATE"
EOF
put() { dd if="$1" of="$img" bs=1M seek="$2" conv=notrunc,sparse status=none; }
put "$work/esp.vfat" $p2; put "$work/root.ext4" $p3; put "$work/state.ext4" $p4
# BIOS: boot.img in the MBR's code area (the protective partition table stays), core.img
# in the BIOS boot partition; patch the two pointers grub-bios-setup would:
#   boot.img  +0x5c  u64  LBA of core.img's first sector
#             +0x66  u16  0x9090: skip the floppy check, boot from the drive in DL
#   core.img  +0x1f4 u64  LBA of core.img's second sector  } diskboot's first
#             +0x1fc u16  sectors to load after the first } blocklist entry
#             +0x1fe u16  load segment (0x820: right after diskboot at 0x8000)
#             +0x1e8 12 bytes of zero: the next (downward) entry ends the list
core_lba=$(( p1 * mib / 512 ))
core_sectors=$(( ( $(stat -c %s "$work/core.img") + 511 ) / 512 ))
[ $core_sectors -le 2048 ] || die "GRUB core.img ($core_sectors sectors) does not fit the 1 MiB BIOS boot partition"
python3 - "$img" /usr/lib/grub/i386-pc/boot.img "$work/core.img" $core_lba $core_sectors <<'PY'
import struct, sys
img, boot, core, lba, n = sys.argv[1], open(sys.argv[2], "rb").read(), bytearray(open(sys.argv[3], "rb").read()), int(sys.argv[4]), int(sys.argv[5])
mbr = bytearray(open(img, "rb").read(512))
code = bytearray(boot[:440])
struct.pack_into("<Q", code, 0x5c, lba)
struct.pack_into("<H", code, 0x66, 0x9090)
mbr[:440] = code
struct.pack_into("<QHH", core, 0x1f4, lba + 1, n - 1, 0x820)
struct.pack_into("<QHH", core, 0x1e8, 0, 0, 0)      # the terminator below it
with open(img, "r+b") as f:
    f.write(mbr)
    f.seek(lba * 512); f.write(core)
PY

# ---------------------------------------------------------------- 5. outputs
mv "$img" "$out/$name.img"
qemu-img convert -q -f raw -O qcow2 "$out/$name.img" "$out/$name.qcow2"
if command -v bmaptool >/dev/null; then bmaptool -q create -o "$out/$name.bmap" "$out/$name.img"; fi
mv "$work/root.ext4" "$out/netserv-$version-root.ext4"
{
  echo "NetServ $version image, built $(date -u -d "@$SOURCE_DATE_EPOCH" +%FT%TZ) (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
  echo "commit $(git -C "$top" rev-parse HEAD 2>/dev/null || echo unknown), kernel $kver"
  echo "size $(stat -c %s "$out/$name.img") bytes raw, $(du -k "$out/$name.img" | cut -f1) KiB allocated"
  echo "partitions (MiB): bios-boot $p1+1, NSBOOT $p2+64, NSROOT $p3+$root_mib, NSSTATE $p4+64"
  (cd "$out" && sha256sum "$name.img" "netserv-$version-root.ext4")
  echo "packages:"; sed 's/^/  /' "$work/packages"
} > "$out/MANIFEST"
say "done: $out/$name.img ($(( $(stat -c %s "$out/$name.img") / mib )) MiB), .qcow2, .bmap, MANIFEST"
