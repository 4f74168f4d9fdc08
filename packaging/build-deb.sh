#!/usr/bin/env bash
# Builds m365sync_<version>_<arch>.deb from a staged root (the files `make stage` installed).
#   packaging/build-deb.sh ROOT VERSION OUTPUT_DIR
# Depends: is computed from the binary's shared libraries with dpkg-shlibdeps.
set -euo pipefail

root=$1 version=$2 output=$3
here=$(cd "$(dirname "$0")" && pwd)
arch=$(dpkg --print-architecture)
maintainer=${DEB_MAINTAINER:-m365sync maintainers <m365sync@example.org>}

rm -rf "$root/DEBIAN"
install -d -m 0755 "$root/DEBIAN"
install -m 0755 "$here/deb/postinst" "$here/deb/prerm" "$here/deb/postrm" "$root/DEBIAN/"
install -m 0644 "$here/deb/conffiles" "$root/DEBIAN/conffiles"

# dpkg-shlibdeps reads debian/control of a source package: give it a minimal one in a scratch folder.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/debian"
printf 'Source: m365sync\n\nPackage: m365sync\nArchitecture: any\n' >"$scratch/debian/control"
binary=$(cd "$root/usr/bin" && pwd)/m365sync
depends=$(cd "$scratch" && dpkg-shlibdeps -O "$binary" | sed -n 's/^shlibs:Depends=//p')
[[ -n $depends ]] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# Packed relative relocations need glibc 2.36; dpkg-shlibdeps counts symbols, not this version need.
if readelf -V "$binary" | grep -q GLIBC_ABI_DT_RELR; then
    depends=$(sed -E 's/libc6 \(>= [0-9.]+\)/libc6 (>= 2.36)/' <<<"$depends")
    [[ $depends == *"libc6 (>= 2.36)"* ]] || { echo "build-deb: no libc6 dependency to raise" >&2; exit 1; }
fi

(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" \
    -e "s/@DEPENDS@/$depends/" -e "s/^Maintainer: .*/Maintainer: $maintainer/" \
    "$here/deb/control.in" >"$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control"

mkdir -p "$output"
package="$output/m365sync_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$package" >/dev/null
echo "$package"
