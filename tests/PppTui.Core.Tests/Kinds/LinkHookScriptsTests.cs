namespace PppTui.Core.Tests.Kinds;

/// <summary>
/// The ip-up.d and ip-down.d scripts a profile gets, run by /bin/sh as pppd's ip-up would run
/// them (interface, tty, speed, local, remote, ipparam; DNS1 and DNS2 in the environment), inside
/// a sandbox root, with fake resolvectl and resolvconf on PATH that record their argv.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinkHookScriptsTests : IDisposable
{
    private const string Dns1 = "198.51.100.53";
    private const string Dns2 = "198.51.100.54";
    private readonly SandboxRoot _root = new();
    private readonly string _bin;
    private readonly string _calls;

    public LinkHookScriptsTests()
    {
        _bin = Path.Join(_root.Root, "fake-bin");
        _calls = Path.Join(_root.Root, "calls");
        Directory.CreateDirectory(_bin);
        foreach (var fake in new[] { "resolvectl", "resolvconf" })
        {
            // Each fake appends one line, "NAME ARGS", and for resolvconf what it read on stdin.
            var path = Path.Join(_bin, fake);
            File.WriteAllText(path, fake == "resolvconf"
                ? $"#!/bin/sh\necho \"{fake} $*\" >>'{_calls}'\n[ \"$1\" = -a ] && sed 's/^/  stdin: /' >>'{_calls}'\nexit 0\n"
                : $"#!/bin/sh\necho \"{fake} $*\" >>'{_calls}'\nexit 0\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _root.Dispose();

    private static Profile Office(params string[] domains)
    {
        var profile = new Profile("office", ProfileKind.Pptp);
        profile.Ppp.UsePeerDns = profile.Ppp.DnsHook = true;
        profile.Ppp.IpParam = "office";
        profile.Ppp.DnsDomains = [.. domains];
        return profile;
    }

    private string Calls => File.Exists(_calls) ? File.ReadAllText(_calls) : "";

    private void Run(string script, string ipparam = "office", string? callFile = null, bool withDns = true)
    {
        var file = Path.Join(_root.Root, "hook-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, script);
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { file, "ppp0", "/dev/pts/3", "0", "198.51.100.10", "198.51.100.1", ipparam }) info.ArgumentList.Add(arg);
        info.Environment["PATH"] = _bin + ":/usr/bin:/bin";
        info.Environment["PPPTUI_ROOT"] = _root.Root;
        if (callFile is not null) info.Environment["CALL_FILE"] = callFile;
        if (withDns)
        {
            info.Environment["DNS1"] = Dns1;
            info.Environment["DNS2"] = Dns2;
        }
        using var sh = Process.Start(info)!;
        var error = sh.StandardError.ReadToEnd();
        sh.StandardOutput.ReadToEnd();
        Assert.True(sh.WaitForExit(30_000), "the hook did not finish");
        Assert.True(sh.ExitCode == 0, $"the hook exited {sh.ExitCode}: {error}");
    }

    [Fact]
    public void Under_systemd_resolved_the_up_hook_gives_the_link_the_peers_servers_and_the_profiles_routing_domains_and_down_reverts_them()
    {
        _root.Write("/etc/resolv.conf", "nameserver 127.0.0.53\noptions edns0\n");
        var profile = Office("corp.example", "lab.example");

        Run(LinkHookScripts.Up(profile));
        var afterUp = Calls;
        Run(LinkHookScripts.Down(profile));

        Assert.Equal($"resolvectl dns ppp0 {Dns1} {Dns2}\nresolvectl domain ppp0 ~corp.example ~lab.example\n", afterUp);
        Assert.EndsWith("resolvectl revert ppp0\n", Calls);
        Assert.Equal("nameserver 127.0.0.53\noptions edns0\n", _root.Read("/etc/resolv.conf"));
        Assert.False(_root.Exists("/run/ppptui/dns/ppp0"));
    }

    [Fact]
    public void The_up_hook_leaves_a_record_that_status_reads_as_set_by_the_profiles_hook()
    {
        _root.Write("/etc/resolv.conf", "nameserver 127.0.0.53\n");

        Run(LinkHookScripts.Up(Office()));
        var record = PeerDnsMerge.RecordFor(_root.Paths, "ppp0");

        Assert.Equal(new PeerDnsRecord("office", "resolved", DnsManager.SystemdResolved), record);
        Assert.Equal("the peer's servers, set on ppp0 in systemd-resolved by office's hook /etc/ppp/ip-up.d/ppptui-office (taken out again when the link goes down)",
            LinkStatusReader.DnsNote(DnsManager.SystemdResolved, "ppp0", [Dns1, Dns2], true, record));
    }

    [Fact]
    public void The_hooks_act_for_their_own_profile_only_by_ipparam_or_the_peers_file_pppd_was_called_with()
    {
        _root.Write("/etc/resolv.conf", "nameserver 127.0.0.53\n");
        var profile = Office();

        Run(LinkHookScripts.Up(profile), ipparam: "home", callFile: "home");
        Run(LinkHookScripts.Down(profile), ipparam: "home", callFile: "home");
        var forOthers = Calls;
        Run(LinkHookScripts.Up(profile), ipparam: "", callFile: "office");

        Assert.Equal("", forOthers);
        Assert.StartsWith($"resolvectl dns ppp0 {Dns1} {Dns2}\n", Calls);
    }

    [Fact]
    public void Under_resolvconf_the_up_hook_registers_an_interface_record_of_its_own_and_down_deletes_it()
    {
        _root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        Directory.CreateDirectory(_root.PathOf("/run/resolvconf"));
        var profile = Office();

        Run(LinkHookScripts.Up(profile));
        Run(LinkHookScripts.Down(profile));

        Assert.Equal($"resolvconf -a ppp0.ppptui\n  stdin: nameserver {Dns1}\n  stdin: nameserver {Dns2}\nresolvconf -d ppp0.ppptui -f\n", Calls);
    }

    [Fact]
    public void With_a_plain_resolv_conf_the_up_hook_merges_once_however_often_it_runs_backs_up_and_down_restores_the_file()
    {
        const string before = "search lab.example\nnameserver 192.0.2.53\n";
        _root.Write("/etc/resolv.conf", before);
        var profile = Office();

        Run(LinkHookScripts.Up(profile));
        Run(LinkHookScripts.Up(profile));
        var up = _root.Read("/etc/resolv.conf");
        Run(LinkHookScripts.Down(profile));
        Run(LinkHookScripts.Down(profile));

        Assert.Equal(
            $"# ppptui: DNS servers the peer of office (ppp0) offered; removed when the link goes down\nnameserver {Dns1}\nnameserver {Dns2}\n# ppptui: end of ppp0\n{before}",
            up);
        Assert.Equal(before, _root.Read("/etc/resolv.conf"));
        Assert.Contains(new BackupStore(_root.Paths).For(_root.PathOf("/etc/resolv.conf")), b => File.ReadAllText(b) == before);
        Assert.Equal("", Calls);
    }

    [Fact]
    public void Where_debians_usepeerdns_hook_merges_the_servers_the_up_hook_leaves_resolv_conf_to_it()
    {
        const string before = "nameserver 192.0.2.53\n";
        _root.Write("/etc/resolv.conf", before);
        _root.Write("/etc/ppp/ip-up.d/0000usepeerdns", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Run(LinkHookScripts.Up(Office()));

        Assert.Equal(before, _root.Read("/etc/resolv.conf"));
        Assert.Null(PeerDnsMerge.RecordFor(_root.Paths, "ppp0"));
    }

    [Fact]
    public void A_peer_that_offers_no_dns_servers_leaves_the_resolver_alone()
    {
        _root.Write("/etc/resolv.conf", "nameserver 127.0.0.53\n");

        Run(LinkHookScripts.Up(Office("corp.example")), withDns: false);

        Assert.Equal("", Calls);
    }

    [Fact]
    public void An_imported_profile_gets_no_dns_hook_unless_its_hook_was_installed_before()
    {
        _root.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nusepeerdns\n");
        var importer = new PeersImporter(_root.Paths);

        var plain = importer.Import("office").Profile;
        _root.Write("/etc/ppp/ip-up.d/ppptui-office", LinkHookScripts.Up(Office()));
        var hooked = importer.Import("office").Profile;

        Assert.False(plain.Ppp.HookSetsDns);
        Assert.DoesNotContain(new ProfileRenderer(_root.Paths).Plan(plain, null, _ => null).Files, f => f.Role == FileRole.RoutesScript);
        Assert.True(hooked.Ppp.HookSetsDns);
    }

    [Fact]
    public void Apply_plans_the_up_and_down_hooks_of_a_profile_that_uses_the_peers_dns()
    {
        var plan = new ProfileRenderer(_root.Paths).Plan(Office("corp.example"), null, _ => null);

        var hooks = plan.Files.Where(f => f.Role == FileRole.RoutesScript).Select(f => f.SystemPath).ToList();
        Assert.Equal(["/etc/ppp/ip-up.d/ppptui-office", "/etc/ppp/ip-down.d/ppptui-office"], hooks);
    }
}
