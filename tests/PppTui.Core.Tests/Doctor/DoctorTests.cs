using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using PppTui.Core.Doctor;
using PppTui.Core.Tests.Systemd;

namespace PppTui.Core.Tests.Doctor;

/// <summary>A sandbox machine for the doctor: kernel files, tools, profiles.</summary>
internal sealed class DoctorBox : IDisposable
{
    public DoctorBox()
    {
        Sandbox.Write("/proc/sys/kernel/osrelease", "6.1.0-test-amd64\n");
        Runner.On("pppd", ["--version"], 0, "pppd version 2.4.9\n")
              .On("pptp", ["--version"], 0, "pptp version 1.10.0\n")
              .On("ip", ["-j", "route"], 0, "[]\n");
    }

    public SandboxRoot Sandbox { get; } = new();
    public FakeServiceRunner Runner { get; } = new();

    public DoctorBox KernelConfig(string text)
    {
        var full = Sandbox.PathOf("/proc/config.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var gz = new GZipStream(File.Create(full), CompressionLevel.Fastest);
        gz.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return this;
    }

    public DoctorBox Loaded(params string[] modules)
    {
        Sandbox.Write("/proc/modules", string.Concat(modules.Select(m => $"{m} 45056 0 - Live 0x0000000000000000\n")));
        return this;
    }

    public DoctorBox Tools(params string[] names)
    {
        foreach (var name in names) Sandbox.Write("/usr/sbin/" + name, "#!/bin/sh\n");
        return this;
    }

    public DoctorBox DevPpp()
    {
        Sandbox.Write("/dev/ppp", "");
        return this;
    }

    /// <summary>A box where everything is in order: loaded modules, /dev/ppp, tools, plugin, 0600 secrets.</summary>
    public DoctorBox Healthy()
    {
        Loaded("ppp_generic", "ppp_async", "ppp_mppe", "pppoe").DevPpp().Tools("pppd", "pptp", "chat");
        Sandbox.Write("/usr/lib/pppd/2.4.9/rp-pppoe.so", "");
        Sandbox.Write("/etc/ppp/chap-secrets", "alice myvpn s3cret *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Sandbox.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        Sandbox.Write("/etc/ppp/ip-up.d/0000usepeerdns", "#!/bin/sh\n");
        return this;
    }

    public DoctorBox Profile(string name, string toml, string peers)
    {
        Sandbox.Write($"/etc/ppptui/profiles/{name}.toml", toml);
        Sandbox.Write($"/etc/ppp/peers/{name}", peers);
        return this;
    }

    public DoctorBox SeedProfile() => Profile("myvpn",
        "name = \"myvpn\"\nkind = \"pptp\"\n[ppp]\nuser = \"alice\"\nremotename = \"myvpn\"\nmppe = \"required-128\"\n[pptp]\nserver = \"192.0.2.1\"\n",
        SeedFiles.Peers);

    public Task<DoctorReport> Run(string? profile = null, SystemdPresence systemd = SystemdPresence.Absent, bool probe = false, int port = 1723) =>
        new DoctorService(Sandbox.Paths, Runner, null, systemd).RunAsync(new DoctorRequest { Profile = profile, Probe = probe, ProbePort = port, ProbeTimeout = TimeSpan.FromSeconds(3) });

    public void Dispose() => Sandbox.Dispose();
}

public class DoctorKernelTests
{
    [Fact]
    public async Task A_kernel_built_without_PPP_is_a_failure_that_says_so_with_the_fix()
    {
        using var box = new DoctorBox().KernelConfig("# CONFIG_MODULES is not set\n# CONFIG_PPP is not set\nCONFIG_NET=y\n");

        var report = await box.Run();

        var check = report.Find("kernel.ppp_generic")!;
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.StartsWith("No PPP in the kernel", check.Detail);
        Assert.Contains("6.1.0-test-amd64", check.Detail);
        Assert.Contains("cannot load modules", check.Detail);
        Assert.Contains("exit code 4", check.Detail);
        Assert.Contains("CONFIG_PPP", check.Fix);
        Assert.Contains("--device /dev/ppp", check.Fix);
        Assert.Contains("/proc/config.gz: # CONFIG_PPP is not set", check.Evidence);
        Assert.True(report.HasFailures);
        // The other modules are not reported as separate failures: the cause is one.
        Assert.Equal(CheckStatus.Skip, report.Find("kernel.ppp_async")!.Status);
        Assert.Equal(CheckStatus.Skip, report.Find("kernel.dev-ppp")!.Status);
    }

    [Fact]
    public async Task Loaded_modules_and_dev_ppp_are_ok()
    {
        using var box = new DoctorBox().Healthy();

        var report = await box.Run();

        foreach (var id in new[] { "kernel.ppp_generic", "kernel.dev-ppp", "kernel.ppp_async", "kernel.ppp_mppe", "kernel.pppoe" })
            Assert.Equal(CheckStatus.Ok, report.Find(id)!.Status);
        Assert.Contains("loaded", report.Find("kernel.ppp_generic")!.Detail);
        Assert.StartsWith("/proc/modules: ppp_generic", report.Find("kernel.ppp_generic")!.Evidence);
        Assert.False(report.HasFailures);
    }

    [Fact]
    public async Task Modules_in_the_module_tree_load_on_demand_and_a_missing_dev_ppp_is_a_warning()
    {
        using var box = new DoctorBox();
        box.Sandbox.Write("/lib/modules/6.1.0-test-amd64/modules.dep",
            "kernel/drivers/net/ppp/ppp_generic.ko.xz: kernel/drivers/net/slip/slhc.ko.xz\nkernel/drivers/net/ppp/ppp_async.ko.xz: kernel/drivers/net/ppp/ppp_generic.ko.xz\n");

        var report = await box.Run();

        Assert.Equal(CheckStatus.Ok, report.Find("kernel.ppp_generic")!.Status);
        Assert.Contains("available as a module", report.Find("kernel.ppp_generic")!.Detail);
        Assert.Equal("/lib/modules/6.1.0-test-amd64/kernel/drivers/net/ppp/ppp_generic.ko.xz", report.Find("kernel.ppp_generic")!.Evidence);
        Assert.Equal(CheckStatus.Warn, report.Find("kernel.dev-ppp")!.Status);
        Assert.Contains("modprobe ppp_generic", report.Find("kernel.dev-ppp")!.Fix);
        // No profile needs MPPE or PPPoE yet: missing ones are warnings, not failures.
        Assert.Equal(CheckStatus.Warn, report.Find("kernel.ppp_mppe")!.Status);
    }

    [Fact]
    public async Task A_module_built_in_is_ok()
    {
        using var box = new DoctorBox().DevPpp();
        box.Sandbox.Write("/lib/modules/6.1.0-test-amd64/modules.builtin", "kernel/drivers/net/ppp/ppp_generic.ko\nkernel/drivers/net/ppp/ppp_async.ko\n");

        var report = await box.Run();

        Assert.Contains("built into the kernel", report.Find("kernel.ppp_generic")!.Detail);
        Assert.Contains("built into the kernel", report.Find("kernel.ppp_async")!.Detail);
    }

    [Fact]
    public async Task A_module_configured_but_not_installed_names_the_package()
    {
        using var box = new DoctorBox().KernelConfig("CONFIG_MODULES=y\nCONFIG_PPP=m\n");
        Directory.CreateDirectory(box.Sandbox.PathOf("/lib/modules/6.1.0-test-amd64"));

        var check = (await box.Run()).Find("kernel.ppp_generic")!;

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("not installed", check.Detail);
        Assert.Contains("apt-get install linux-image-$(uname -r)", check.Fix);
    }

    [Fact]
    public async Task MPPE_missing_fails_when_a_profile_requires_it_and_names_the_profile()
    {
        using var box = new DoctorBox().Healthy().Loaded("ppp_generic", "ppp_async").KernelConfig("CONFIG_MODULES=y\nCONFIG_PPP=m\nCONFIG_PPP_ASYNC=m\n# CONFIG_PPP_MPPE is not set\n").SeedProfile();

        var check = (await box.Run()).Find("kernel.ppp_mppe")!;

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("myvpn", check.Detail);
        Assert.Contains("built without CONFIG_PPP_MPPE", check.Detail);
    }
}

public class DoctorToolTests
{
    [Fact]
    public async Task Tools_are_found_with_their_versions()
    {
        using var box = new DoctorBox().Healthy();

        var report = await box.Run();

        Assert.Equal($"pppd 2.4.9 (/usr/sbin/pppd)", report.Find("tools.pppd")!.Detail);
        Assert.Equal($"pptp 1.10.0 (/usr/sbin/pptp)", report.Find("tools.pptp")!.Detail);
        Assert.Contains(box.Runner.Commands, c => c.Program == box.Sandbox.PathOf("/usr/sbin/pppd") && c.Arguments.SequenceEqual(["--version"]));
        Assert.Equal("rp-pppoe.so is at /usr/lib/pppd/2.4.9/rp-pppoe.so", report.Find("tools.pppoe-plugin")!.Detail);
    }

    [Fact]
    public async Task The_version_is_read_from_stderr_too()
    {
        using var box = new DoctorBox().Healthy();
        box.Runner.Commands.Clear();
        var runner = new FakeServiceRunner().On("pppd", ["--version"], 0, "", "pppd version 2.5.1\n");
        var report = await new DoctorService(box.Sandbox.Paths, runner, null, SystemdPresence.Absent).RunAsync(new DoctorRequest());
        Assert.Equal("pppd 2.5.1 (/usr/sbin/pppd)", report.Find("tools.pppd")!.Detail);
    }

    [Fact]
    public async Task No_pppd_is_a_failure_with_the_install_command()
    {
        using var box = new DoctorBox();

        var check = (await box.Run()).Find("tools.pppd")!;

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal("apt-get install ppp", check.Fix);
    }

    [Fact]
    public async Task No_pptp_matters_only_when_a_PPTP_profile_needs_it()
    {
        using var bare = new DoctorBox().Healthy();
        File.Delete(bare.Sandbox.PathOf("/usr/sbin/pptp"));
        Assert.Equal(CheckStatus.Skip, (await bare.Run()).Find("tools.pptp")!.Status);

        bare.SeedProfile();
        var check = (await bare.Run()).Find("tools.pptp")!;
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("myvpn needs it", check.Detail);
        Assert.Equal("apt-get install pptp-linux", check.Fix);
    }

    [Fact]
    public async Task A_pppd_that_cannot_be_run_is_a_warning_about_rights()
    {
        using var box = new DoctorBox().Healthy();
        var runner = new FakeServiceRunner().On("pppd", ["--version"], 126, "", "Permission denied\n");
        var check = (await new DoctorService(box.Sandbox.Paths, runner, null, SystemdPresence.Absent).RunAsync(new DoctorRequest())).Find("tools.pppd")!;
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("group dip", check.Fix);
    }
}

public class DoctorFileTests
{
    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite, CheckStatus.Ok)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, CheckStatus.Warn)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, CheckStatus.Fail)]
    public async Task Secrets_readable_by_others_are_flagged_with_chmod(UnixFileMode mode, CheckStatus expected)
    {
        using var box = new DoctorBox().Healthy();
        box.Sandbox.Write("/etc/ppp/chap-secrets", "alice * pw *\n", mode);

        var check = (await box.Run()).Find("secrets.chap-secrets")!;

        Assert.Equal(expected, check.Status);
        if (expected != CheckStatus.Ok) Assert.Equal("chmod 600 /etc/ppp/chap-secrets", check.Fix);
        Assert.DoesNotContain("pw", check.Detail + check.Evidence);
    }

    [Fact]
    public async Task A_lock_file_of_a_dead_process_is_stale_and_the_fix_removes_it()
    {
        using var box = new DoctorBox().Healthy();
        box.Sandbox.Write("/var/lock/LCK..ttyUSB0", "      4242\n");
        box.Sandbox.Write("/var/lock/LCK..ttyS1", "      7777\n");
        box.Sandbox.Write("/proc/7777/comm", "pppd\n");

        var locks = (await box.Run()).Checks.Where(c => c.Id == "locks.stale").ToList();

        Assert.Equal(2, locks.Count);
        var live = locks.Single(c => c.Status == CheckStatus.Ok);
        Assert.Equal("ttyS1 is in use by pid 7777 (pppd)", live.Detail);
        var stale = locks.Single(c => c.Status == CheckStatus.Warn);
        Assert.Contains("pid 4242, which is not running", stale.Detail);
        Assert.Equal("rm /var/lock/LCK..ttyUSB0", stale.Fix);
    }

    [Fact]
    public void A_binary_lock_pid_is_read_too()
    {
        using var sandbox = new SandboxRoot();
        var file = sandbox.PathOf("/LCK..ttyS0");
        File.WriteAllBytes(file, BitConverter.GetBytes(1234));
        Assert.Equal(1234, DoctorService.ReadLockPid(file));
        File.WriteAllText(file, "garbage");
        Assert.Null(DoctorService.ReadLockPid(file));
    }

    [Fact]
    public async Task Without_systemd_the_doctor_names_the_alternative()
    {
        using var box = new DoctorBox().Healthy();
        var check = (await box.Run(systemd: SystemdPresence.Absent)).Find("service.systemd")!;
        Assert.Contains("provider", check.Detail);
        Assert.Contains("@reboot pon NAME", check.Detail);
        Assert.Equal(CheckStatus.Ok, (await box.Run(systemd: SystemdPresence.Running)).Find("service.systemd")!.Status);
    }
}

public class DoctorDnsTests
{
    [Fact]
    public void A_stub_resolver_link_means_systemd_resolved()
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
        Directory.CreateDirectory(sandbox.PathOf("/etc"));
        File.CreateSymbolicLink(sandbox.PathOf("/etc/resolv.conf"), "../run/systemd/resolve/stub-resolv.conf");

        var dns = DnsState.Read(sandbox.Paths);

        Assert.Equal(DnsManager.SystemdResolved, dns.Manager);
        Assert.Equal(["127.0.0.53"], dns.SystemServers);
        Assert.Contains("-> ../run/systemd/resolve/stub-resolv.conf", dns.Evidence);
        Assert.Null(dns.PeerDnsHook);
    }

    [Fact]
    public void Resolvconf_with_its_ppp_hook_takes_the_servers_DNS()
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/run/resolvconf/resolv.conf", "# Dynamic resolv.conf(5) file for glibc resolver(3) generated by resolvconf(8)\nnameserver 192.0.2.53\n");
        Directory.CreateDirectory(sandbox.PathOf("/etc"));
        File.CreateSymbolicLink(sandbox.PathOf("/etc/resolv.conf"), "/run/resolvconf/resolv.conf");
        sandbox.Write("/etc/ppp/ip-up.d/000resolvconf", "#!/bin/sh\n");

        var dns = DnsState.Read(sandbox.Paths);

        Assert.Equal(DnsManager.Resolvconf, dns.Manager);
        Assert.Equal("/etc/ppp/ip-up.d/000resolvconf", dns.PeerDnsHook);
    }

    [Fact]
    public void A_plain_file_and_a_NetworkManager_file_are_told_apart()
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        Assert.Equal(DnsManager.Plain, DnsState.Read(sandbox.Paths).Manager);
        sandbox.Write("/etc/resolv.conf", "# Generated by NetworkManager\nnameserver 192.0.2.53\n");
        Assert.Equal(DnsManager.NetworkManager, DnsState.Read(sandbox.Paths).Manager);
        File.Delete(sandbox.PathOf("/etc/resolv.conf"));
        Assert.Equal(DnsManager.Missing, DnsState.Read(sandbox.Paths).Manager);
    }
}

public class DoctorProbeTests
{
    [Fact]
    public async Task A_listening_server_passes_the_probe_and_a_closed_port_fails_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var box = new DoctorBox().Healthy().Profile("lab",
            "name = \"lab\"\nkind = \"pptp\"\n[ppp]\nnoauth = true\n[pptp]\nserver = \"127.0.0.1\"\n", "pty \"pptp 127.0.0.1 --nolaunchpppd\"\nnoauth\n");

        var up = (await box.Run("lab", probe: true, port: port)).Find("probe.pptp")!;
        Assert.Equal(CheckStatus.Ok, up.Status);
        Assert.Contains($"127.0.0.1:{port} accepted", up.Detail);

        listener.Stop();
        var down = (await box.Run("lab", probe: true, port: port)).Find("probe.pptp")!;
        Assert.Equal(CheckStatus.Fail, down.Status);
        Assert.Contains("refused", down.Detail);
        Assert.Contains("GRE", down.Fix);
    }

    [Fact]
    public async Task Without_probe_the_doctor_touches_no_network()
    {
        using var box = new DoctorBox().Healthy().SeedProfile();
        var report = await box.Run("myvpn");
        Assert.Null(report.Find("probe.pptp"));
    }
}

public class DoctorKindCautionTests
{
    [Fact]
    public async Task The_doctor_says_once_that_a_pptp_profile_can_be_broken_offline_and_names_l2tp_ipsec()
    {
        using var box = new DoctorBox().Healthy().SeedProfile();

        var check = (await box.Run()).Find("profile.kind", "myvpn");

        Assert.Equal(CheckStatus.Warn, check?.Status);
        Assert.Contains("L2TP/IPsec", check!.Detail);
    }

    [Fact]
    public async Task Kind_cautions_false_in_ppptui_toml_silences_the_doctor()
    {
        using var box = new DoctorBox().Healthy().SeedProfile();
        box.Sandbox.Write("/etc/ppptui/ppptui.toml", "kind_cautions = false\n");

        Assert.Null((await box.Run()).Find("profile.kind", "myvpn"));
    }
}
