namespace PppTui.Core.Kinds;

/// <summary>
/// The ip-up.d and ip-down.d scripts of a profile. pppd runs /etc/ppp/ip-up and ip-down for every
/// link, however it was started (ppptui, a persist redial, <c>pppd call NAME</c> by hand), so what
/// a link needs once it is up lives here and nowhere else: the profile's routes, and the peer's
/// DNS servers handed to the resolver (systemd-resolved per link, resolvconf's record, or a block
/// merged into a plain /etc/resolv.conf after a backup), taken out again on ip-down. Each script
/// acts only for the link whose ipparam is this profile's, and running it twice changes nothing more.
/// </summary>
public static class LinkHookScripts
{

    /// <summary>True when the ip-up.d script installed for <paramref name="profile"/> sets the peer's DNS servers.</summary>
    public static bool SetsDns(SystemPaths paths, string profile) =>
        TextFile.ReadIfReadable(paths.Resolve(SystemPaths.RoutesScriptSystemPath(profile)))?.Contains(DnsMark, StringComparison.Ordinal) ?? false;

    // The line that starts the DNS part of an up script (what SetsDns looks for).
    private const string DnsMark = "# pppd exports DNS1 and DNS2 when usepeerdns got servers from the peer.";

    /// <summary>The ip-up.d script: the routes, then the DNS servers when the profile asks for them.</summary>
    public static string Up(Profile profile)
    {
        var script = Header(profile, profile.Ppp.HookSetsDns
            ? "routes and the peer's DNS servers once the link is up (ip-down.d takes the DNS servers out again)."
            : "routes through the link once it is up.");
        if (profile.Ppp.Routes.Count == 0) script.Append("# (no routes)\n");
        foreach (var route in profile.Ppp.Routes)
            script.Append("ip route replace ").Append(route).Append(" dev \"${PPP_IFACE:-$1}\"\n");
        if (profile.Ppp.HookSetsDns) AppendDnsUp(script, profile);
        return script.ToString();
    }

    /// <summary>The ip-down.d script (doing nothing when the up script sets nothing to take out).</summary>
    public static string Down(Profile profile)
    {
        if (!profile.Ppp.HookSetsDns) return Header(profile, "nothing to take out (the profile sets no DNS servers).").ToString();
        var script = Header(profile, "takes the peer's DNS servers out again when the link goes down.");
        AppendCommon(script);
        script.Append("""
            [ -f "$mark" ] || exit 0
            case "$(sed -n 2p "$mark")" in
              resolved) resolvectl revert "$iface" ;;
              resolvconf) resolvconf -d "$iface.ppptui" -f ;;
              *) if [ -f "$conf" ]; then
                   without_block >"$conf.ppptui-new" && if cmp -s "$conf" "$conf.ppptui-new"; then rm -f "$conf.ppptui-new"
                   else backup && chmod 644 "$conf.ppptui-new" && mv -f "$conf.ppptui-new" "$conf"; fi
                 fi ;;
            esac
            rm -f "$mark"

            """.Replace("\r", "", StringComparison.Ordinal));
        return script.ToString();
    }

    private static StringBuilder Header(Profile profile, string what)
    {
        var tag = profile.Ppp.IpParam ?? profile.Name;
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n");
        script.Append("# ppptui profile ").Append(profile.Name).Append(": ").Append(what).Append('\n');
        // pppd runs every ip-up.d script for every link: ipparam tells this profile's link, or
        // else CALL_FILE, which pppd sets to NAME for "pppd call NAME" (ppptui dials that way, and
        // so does an admin by hand). ipparam may hold any printable text: single quotes keep the
        // shell from expanding $(...), `...` or a closing quote inside it.
        script.Append("[ \"${PPP_IPPARAM:-$6}\" = ").Append(ShellQuote(tag)).Append(" ] || ");
        if (profile.Ppp.HookSetsDns) script.Append("[ \"$CALL_FILE\" = ").Append(ShellQuote(profile.Name)).Append(" ] || ");
        script.Append("exit 0\n");
        script.Append("iface=\"${PPP_IFACE:-$1}\"\n");
        return script;
    }

    // What the up and down scripts share: where things are, the block of this interface, the backup.
    // pppd gives its scripts a fixed environment, so PPPTUI_ROOT is only ever set by a test.
    private static void AppendCommon(StringBuilder script) => script.Append("""
        root="${PPPTUI_ROOT:-}"
        conf="$root/etc/resolv.conf"
        target=$(readlink "$conf" 2>/dev/null) && case "$target" in /*) conf="$root$target" ;; *) conf="${conf%/*}/$target" ;; esac
        mark="$root/run/ppptui/dns/$iface"
        without_block() {
          awk -v start="# ppptui: DNS servers the peer of " -v link="($iface)" -v end="# ppptui: end of $iface" '
            !skip && index($0, start) == 1 && index($0, link) { skip = 1; next }
            skip { if ($0 == end) skip = 0; next }
            { print }' "$conf"
        }
        backup() {
          mkdir -p "$root/var/backups/ppptui" && chmod 700 "$root/var/backups/ppptui" &&
            cp -p "$conf" "$root/var/backups/ppptui/$(printf '%s' "${conf#"$root"/}" | tr / _).$(date -u +%Y%m%dT%H%M%S%3NZ)"
        }

        """.Replace("\r", "", StringComparison.Ordinal));

    private static void AppendDnsUp(StringBuilder script, Profile profile)
    {
        script.Append("name=").Append(ShellQuote(profile.Name)).Append('\n');
        script.Append("domains=").Append(ShellQuote(string.Join(' ', profile.Ppp.DnsDomains.Select(d => d == "." ? "~." : "~" + d.TrimEnd('.'))))).Append('\n');
        AppendCommon(script);
        script.Append($$"""
            {{DnsMark}}
            [ -n "$DNS1$DNS2" ] || exit 0
            how=resolv.conf
            case "$target" in *systemd/resolve*) how=resolved ;; esac
            if [ "$how" != resolved ]; then
              if grep -qs '^nameserver 127\.0\.0\.53' "$conf"; then how=resolved
              elif [ -d "$root/run/resolvconf" ] || [ -d "$root/etc/resolvconf/run" ]; then how=resolvconf
              fi
            fi
            case "$how" in
              resolved)
                resolvectl dns "$iface" $DNS1 $DNS2 || exit 1
                # A routing domain of ~. sends every lookup to the link: the profile's domains, or
                # ~. when the link carries the default route (a split tunnel keeps the system's).
                if [ -n "$domains" ]; then resolvectl domain "$iface" $domains || exit 1
                elif ip -4 route show default 2>/dev/null | grep -q " dev $iface\( \|$\)"; then resolvectl domain "$iface" '~.' || exit 1
                fi ;;
              resolvconf)
                # resolvconf's own ppp hook registers the servers already as IFACE.pppd.
                [ -x "$root/etc/ppp/ip-up.d/000resolvconf" ] && exit 0
                printf 'nameserver %s\n' $DNS1 $DNS2 | resolvconf -a "$iface.ppptui" || exit 1 ;;
              *)
                # Debian's usepeerdns hook merges them itself.
                [ -x "$root/etc/ppp/ip-up.d/0000usepeerdns" ] && exit 0
                {
                  printf '%s\n' "# ppptui: DNS servers the peer of $name ($iface) offered; removed when the link goes down"
                  printf 'nameserver %s\n' $DNS1 $DNS2
                  printf '%s\n' "# ppptui: end of $iface"
                  [ -f "$conf" ] && without_block
                } >"$conf.ppptui-new" || { rm -f "$conf.ppptui-new"; exit 1; }
                # Run again (a second ip-up), the block is the same: nothing to back up or write.
                if cmp -s "$conf" "$conf.ppptui-new"; then rm -f "$conf.ppptui-new"
                else { [ ! -f "$conf" ] || backup; } && chmod 644 "$conf.ppptui-new" && mv -f "$conf.ppptui-new" "$conf" || { rm -f "$conf.ppptui-new"; exit 1; }
                fi ;;
            esac
            mkdir -p "${mark%/*}" && printf '%s\n%s\n' "$name" "$how" >"$mark"

            """.Replace("\r", "", StringComparison.Ordinal));
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
