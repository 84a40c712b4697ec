namespace PppTui.Core.Doctor;

/// <summary>The doctor's checks of the host: secrets file modes, DNS stack, stale locks, systemd.</summary>
public sealed partial class DoctorService
{
    private static DoctorCheck SecretsMode(string systemPath, string fullPath)
    {
        var id = "secrets." + Path.GetFileName(systemPath);
        var title = Msg.F("{0} permissions", systemPath);
        if (!File.Exists(fullPath)) return DoctorCheck.Skip(id, title, Msg.F("{0} does not exist", systemPath));
        var mode = File.GetUnixFileMode(fullPath);
        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        var evidence = $"{systemPath}: mode {octal}";
        if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            return DoctorCheck.Fail(id, title, Msg.F("{0} is readable by every user (mode {1}): anyone on the box can read the passwords in it.", systemPath, octal),
                $"chmod 600 {systemPath}") with { Evidence = evidence };
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite)) != 0)
            return DoctorCheck.Warn(id, title, Msg.F("{0} is readable by its group (mode {1}); pppd warns \"secret file has world and/or group access\".", systemPath, octal),
                $"chmod 600 {systemPath}") with { Evidence = evidence };
        return DoctorCheck.Ok(id, title, Msg.F("only its owner can read it (mode {0})", octal)) with { Evidence = evidence };
    }

    private static DoctorCheck DnsCheck(DnsState dns)
    {
        const string id = "dns.stack";
        var title = Msg.T("DNS resolver");
        var servers = dns.SystemServers.Count == 0 ? Msg.T("no nameserver lines") : "nameserver " + string.Join(", ", dns.SystemServers);
        if (dns.Manager == DnsManager.Missing)
            return DoctorCheck.Warn(id, title, Msg.T("there is no /etc/resolv.conf: names will not resolve"), Msg.T("Create /etc/resolv.conf with a nameserver line, or install a resolver manager (systemd-resolved, resolvconf)."))
                with { Evidence = dns.Evidence };
        var hook = dns.PeerDnsHook is null ? Msg.T("no ip-up.d hook passes pppd's usepeerdns servers to it") : Msg.F("{0} passes pppd's usepeerdns servers to it", dns.PeerDnsHook);
        if (dns.SystemServers.Count == 0 && dns.Manager == DnsManager.Plain)
            return DoctorCheck.Warn(id, title, Msg.F("{0} with no nameserver lines: names will not resolve until a link brings DNS", dns.ManagerName), Msg.T("Add a nameserver line to /etc/resolv.conf."))
                with { Evidence = dns.Evidence };
        return DoctorCheck.Ok(id, title, $"{dns.ManagerName} ({servers}); {hook}") with { Evidence = dns.Evidence };
    }

    private IEnumerable<DoctorCheck> LockChecks()
    {
        const string id = "locks.stale";
        var title = Msg.T("serial port lock files");
        var dir = _paths.VarLock;
        var locks = Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "LCK..*").Order(StringComparer.Ordinal).ToList() : [];
        if (locks.Count == 0)
        {
            yield return DoctorCheck.Ok(id, title, Msg.T("no lock files in /var/lock"));
            yield break;
        }
        var stale = 0;
        foreach (var file in locks)
        {
            var system = "/var/lock/" + Path.GetFileName(file);
            var device = Path.GetFileName(file)["LCK..".Length..];
            var pid = ReadLockPid(file);
            if (pid is { } p && Directory.Exists(Path.Join(_paths.Proc, p.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                var comm = SafeReadLine(Path.Join(_paths.Proc, p.ToString(System.Globalization.CultureInfo.InvariantCulture), "comm"));
                yield return DoctorCheck.Ok(id, title, Msg.F("{0} is in use by pid {1}", device, p) + (comm is null ? "" : $" ({comm})")) with { Evidence = $"{system}: {p}" };
                continue;
            }
            stale++;
            var why = pid is null ? Msg.T("holds no readable pid") : Msg.F("names pid {0}, which is not running", pid);
            yield return DoctorCheck.Warn(id, title,
                Msg.F("{0} is stale: it {1}. pppd refuses {2} with \"Device {2} is locked\" (exit 6).", system, why, device),
                $"rm {system}") with { Evidence = system + (pid is null ? "" : $": {pid}") };
        }
    }

    /// <summary>A lock file holds the pid as ten ASCII digits (HDB UUCP style) or, rarely, a binary int.</summary>
    internal static int? ReadLockPid(string file)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
        var text = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0) return pid;
        if (bytes.Length == 4 && BitConverter.ToInt32(bytes) is > 0 and var binary) return binary;
        return null;
    }

    private static string? SafeReadLine(string file)
    {
        try { return File.Exists(file) ? File.ReadAllText(file).Trim() : null; } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
    }

    private DoctorCheck SystemdCheck()
    {
        const string id = "service.systemd";
        var title = Msg.T("systemd (links kept up as services)");
        return _systemd switch
        {
            SystemdPresence.Running => DoctorCheck.Ok(id, title, Msg.T("systemd runs this system: 'ppptui service enable NAME' keeps a link up across logouts and reboots")),
            SystemdPresence.Offline => DoctorCheck.Skip(id, title, Msg.T("--root is not the running system: services are enabled there as unit files only")),
            _ => DoctorCheck.Skip(id, title, Msg.T("systemd is not running here (no /run/systemd/system): 'ppptui service' cannot work; start links at boot with an /etc/network/interfaces 'provider' stanza or '@reboot pon NAME' in root's crontab")),
        };
    }
}
