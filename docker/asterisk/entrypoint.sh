#!/bin/sh
# Entry point of the asterisk service in docker/compose.yaml (runs as the image's user "asterisk").
#
# The hotline configs are mounted read-only at /etc/asterisk-hotline. This script copies every *.conf
# into /etc/asterisk, then
#   - puts the AMI secret from CTI_AMI_SECRET (the value cti-server gets too) into manager.conf, in place
#     of the demo line "secret = ctisecret";
#   - puts the password of PostgreSQL role "asterisk" from ASTERISK_DB_PASSWORD into cel_pgsql.conf and
#     res_pgsql.conf (the call records: CEL and queue_log), in place of the demo line "password = asterisk-demo";
#   - when ASTERISK_PUBLIC_ADDRESS is set (Asterisk behind Docker's NAT), tells both pjsip transports
#     and ICE the address that browsers and the carrier reach;
#   - installs the IVR's prompts and zh digits, which docker/asterisk/Dockerfile built into the image, into
#     the sounds volume (/var/lib/asterisk/sounds/zh), replacing older ones and leaving other files alone;
# and runs Asterisk in the foreground.
set -eu

SRC=/etc/asterisk-hotline
DST=/etc/asterisk
DEMO_SECRET_LINE='secret = ctisecret'

fail() {
    echo "hotline entrypoint: $*" >&2
    exit 1
}

secret="${CTI_AMI_SECRET:-}"
case "$secret" in
    '') fail "CTI_AMI_SECRET is not set" ;;
    *[!A-Za-z0-9._-]*) fail "CTI_AMI_SECRET may contain only letters, digits, '.', '_' and '-'" ;;
esac
[ "${#secret}" -ge 12 ] || fail "CTI_AMI_SECRET must be at least 12 characters"

dbpass="${ASTERISK_DB_PASSWORD:-}"
case "$dbpass" in
    '') fail "ASTERISK_DB_PASSWORD is not set" ;;
    *[!A-Za-z0-9._-]*) fail "ASTERISK_DB_PASSWORD may contain only letters, digits, '.', '_' and '-'" ;;
esac
[ "${#dbpass}" -ge 12 ] || fail "ASTERISK_DB_PASSWORD must be at least 12 characters"

for f in "$SRC"/*.conf; do
    case "$(basename "$f")" in
        manager.conf|cel_pgsql.conf|res_pgsql.conf) ;;
        *) cp "$f" "$DST/$(basename "$f")" ;;
    esac
done

[ "$(grep -c "^$DEMO_SECRET_LINE\$" "$SRC/manager.conf")" = 1 ] \
    || fail "manager.conf must contain the line '$DEMO_SECRET_LINE' exactly once"
umask 077
rm -f "$DST/manager.conf"
sed "s/^$DEMO_SECRET_LINE\$/secret = $secret/" "$SRC/manager.conf" > "$DST/manager.conf"
DEMO_DB_PASSWORD_LINE='password = asterisk-demo'
for f in cel_pgsql.conf res_pgsql.conf; do
    [ "$(grep -c "^$DEMO_DB_PASSWORD_LINE\$" "$SRC/$f")" = 1 ] \
        || fail "$f must contain the line '$DEMO_DB_PASSWORD_LINE' exactly once"
    rm -f "$DST/$f"
    sed "s/^$DEMO_DB_PASSWORD_LINE\$/password = $dbpass/" "$SRC/$f" > "$DST/$f"
done
umask 022

public="${ASTERISK_PUBLIC_ADDRESS:-}"
if [ -n "$public" ]; then
    case "$public" in
        *[!A-Za-z0-9.:-]*) fail "ASTERISK_PUBLIC_ADDRESS must be a host name or an IP address" ;;
    esac
    for transport in transport-wss transport-udp; do
        # "(+)" adds to the section defined earlier in pjsip.conf. local_net: Docker's address pools,
        # where no rewriting is wanted (cti-server, other containers).
        printf '\n[%s](+)\nexternal_media_address = %s\nexternal_signaling_address = %s\nlocal_net = 172.16.0.0/12\n' \
            "$transport" "$public" "$public" >> "$DST/pjsip.conf"
    done
    container_ip="$(hostname -i 2>/dev/null | awk '{print $1}')"
    if [ -n "$container_ip" ]; then
        # WebRTC: offer the public address as the ICE host candidate instead of the container's.
        printf '\n[ice_host_candidates]\n%s => %s\n' "$container_ip" "$public" >> "$DST/rtp.conf"
    else
        echo "hotline entrypoint: cannot find the container address; ICE candidates left as they are" >&2
    fi
fi

# The prompts go in at every start, so an upgraded image brings its prompts with it. A failure is loud but not
# fatal: calls still reach the agents (art. 17), only the IVR is silent.
PROMPTS=/usr/share/hotline12345/sounds/zh
SOUNDS=/var/lib/asterisk/sounds/zh
if [ -d "$PROMPTS" ]; then
    if mkdir -p "$SOUNDS" && cp -R "$PROMPTS/." "$SOUNDS/"; then
        echo "hotline entrypoint: installed $(find "$PROMPTS" -name '*.wav' | wc -l) prompts into $SOUNDS" >&2
    else
        echo "hotline entrypoint: ERROR cannot install the prompts into $SOUNDS: callers will hear silence" >&2
    fi
else
    echo "hotline entrypoint: ERROR no prompts in this image ($PROMPTS): callers will hear silence (build the image from docker/asterisk/Dockerfile)" >&2
fi

if [ ! -r "$DST/keys/asterisk.crt" ] || [ ! -r "$DST/keys/asterisk.key" ]; then
    echo "hotline entrypoint: no readable docker/tls/asterisk.crt and .key: WSS (WebRTC agents) stays off" >&2
fi

exec /usr/sbin/asterisk -f -T -vvv
