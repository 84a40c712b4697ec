namespace PppTui.Core.Tests.Dialing;

public class LinkDiscoveryTests
{
    [Fact]
    public void A_link_started_by_ppptui_is_found_with_its_profile_interface_and_pid_files()
    {
        using var sys = new FakeSystem()
            .Pppd(2001, "call", "myvpn", "updetach", "linkname", "myvpn")
            .LinkPidFile("myvpn", 2001, "ppp0")
            .InterfacePidFile("ppp0", 2001);

        var link = Assert.Single(new LinkDiscovery(sys.Paths).Scan().Links);

        Assert.Equal("myvpn", link.Name);
        Assert.Equal("myvpn", link.Profile);
        Assert.Equal("myvpn", link.LinkName);
        Assert.Equal(2001, link.Pid);
        Assert.Equal("ppp0", link.Interface);
        Assert.Equal(2, link.PidFiles.Count);
        Assert.Equal("/usr/sbin/pppd call myvpn updetach linkname myvpn", link.CommandText);
    }

    [Fact]
    public void A_pppd_redialing_without_any_pid_file_is_found_by_its_process()
    {
        using var sys = new FakeSystem().Pppd(2002, "call", "dsl-provider");

        var link = Assert.Single(new LinkDiscovery(sys.Paths).Scan().Find("dsl-provider"));

        Assert.Null(link.Interface);
        Assert.Empty(link.PidFiles);
    }

    [Fact]
    public void A_linkname_that_differs_from_the_profile_still_maps_to_the_profile()
    {
        using var sys = new FakeSystem()
            .Pppd(2003, "call", "myvpn")
            .LinkPidFile("office", 2003, "ppp3");

        var snapshot = new LinkDiscovery(sys.Paths).Scan();

        var link = Assert.Single(snapshot.Find("myvpn"));
        Assert.Equal("office", link.LinkName);
        Assert.Equal("ppp3", link.Interface);
        Assert.Same(link, Assert.Single(snapshot.Find("office")));
    }

    [Fact]
    public void A_pppd_started_by_hand_without_call_is_named_after_its_interface()
    {
        using var sys = new FakeSystem()
            .Pppd(2004, "notty", "noauth", "local", "nodetach", "10.77.0.2:10.77.0.1")
            .InterfacePidFile("ppp1", 2004)
            .Pppd(2005, "/dev/ttyS0", "115200");

        var links = new LinkDiscovery(sys.Paths).Scan().Links;

        Assert.Equal(["ppp1", "pppd-2005"], links.Select(l => l.Name));
        Assert.Equal("ppp1", links[0].Interface);
    }

    [Fact]
    public void A_peers_file_given_with_file_maps_to_its_profile()
    {
        using var sys = new FakeSystem().Pppd(2006, "file", "/etc/ppp/peers/gprs", "nodetach");

        Assert.Equal("gprs", Assert.Single(new LinkDiscovery(sys.Paths).Scan().Links).Profile);
    }

    [Fact]
    public void Two_links_up_at_once_each_keep_their_own_interface()
    {
        using var sys = new FakeSystem()
            .Pppd(3001, "call", "myvpn", "updetach", "linkname", "myvpn").LinkPidFile("myvpn", 3001, "ppp0").InterfacePidFile("ppp0", 3001)
            .Pppd(3002, "call", "dsl", "updetach", "linkname", "dsl").LinkPidFile("dsl", 3002, "ppp1").InterfacePidFile("ppp1", 3002);

        var snapshot = new LinkDiscovery(sys.Paths).Scan();

        Assert.Equal("ppp0", snapshot.Find("myvpn").Single().Interface);
        Assert.Equal("ppp1", snapshot.Find("dsl").Single().Interface);
        Assert.Empty(snapshot.Stale);
    }

    [Fact]
    public void Pid_files_of_a_pppd_that_was_killed_are_stale_not_running()
    {
        using var sys = new FakeSystem()
            .LinkPidFile("myvpn", 4001, "ppp0")
            .InterfacePidFile("ppp0", 4001)
            .InterfacePidFile("sshd", 4002);

        var snapshot = new LinkDiscovery(sys.Paths).Scan();

        Assert.Empty(snapshot.Links);
        var stale = Assert.Single(snapshot.Stale);
        Assert.Equal("myvpn", stale.Name);
        Assert.Equal("ppp0", stale.Interface);
        Assert.Equal(2, stale.PidFiles.Count);
    }

    [Fact]
    public void A_pid_file_whose_pid_now_belongs_to_another_program_is_stale()
    {
        using var sys = new FakeSystem()
            .Process(4003, ["/usr/bin/vim", "notes"])
            .LinkPidFile("myvpn", 4003, "ppp0");

        var snapshot = new LinkDiscovery(sys.Paths).Scan();

        Assert.Empty(snapshot.Links);
        Assert.Equal(4003, Assert.Single(snapshot.FindStale("myvpn")).Pid);
    }

    [Fact]
    public void A_pppd_in_another_network_namespace_is_not_a_link_here_and_its_pid_files_are_not_stale()
    {
        using var sys = new FakeSystem()
            .NetworkNamespace("self", 4026531840)
            .Pppd(4010, "call", "myvpn").LinkPidFile("myvpn", 4010, "ppp0").NetworkNamespace("4010", 4026531840)
            // A PPTP server's pppd in the server's own namespace, with a pid file in the shared /run.
            .Pppd(4011, "local", "file", "/etc/ppp/pptpd-options").InterfacePidFile("ppp7", 4011).NetworkNamespace("4011", 4026532100)
            // A pppd whose namespace cannot be read is kept: hiding a link would be worse.
            .Pppd(4012, "call", "dsl");

        var snapshot = new LinkDiscovery(sys.Paths).Scan();

        Assert.Equal(["dsl", "myvpn"], snapshot.Links.Select(l => l.Name).Order());
        Assert.Empty(snapshot.Stale);
    }

    [Fact]
    public void A_zombie_pppd_is_not_a_running_link()
    {
        using var sys = new FakeSystem().Process(4004, ["pppd", "call", "x"], state: 'Z');

        Assert.Empty(new LinkDiscovery(sys.Paths).Scan().Links);
    }

    [Fact]
    public void Other_programs_mentioning_pppd_are_not_links()
    {
        using var sys = new FakeSystem()
            .Process(4005, ["/usr/bin/pon", "myvpn"])
            .Process(4006, ["grep", "pppd call myvpn"])
            .Process(4007, ["/usr/sbin/pptp", "vpn.example.com", "--nolaunchpppd"]);

        Assert.Empty(new LinkDiscovery(sys.Paths).Scan().Links);
    }
}

public class ProcessTableTests
{
    [Fact]
    public void I_can_read_a_processs_command_line_state_and_start_time()
    {
        using var sys = new FakeSystem()
            .Process(5001, ["/usr/sbin/pppd", "call", "my vpn"], startTicks: 250)
            .File_("/proc/stat", "cpu  1 2 3\nbtime 1700000000\nprocesses 10\n");
        var table = new ProcessTable(sys.Paths);

        var process = table.Get(5001)!;

        Assert.Equal(["/usr/sbin/pppd", "call", "my vpn"], process.CommandLine);
        Assert.Equal("pppd", process.Program);
        Assert.Equal('S', process.State);
        Assert.Equal(1, process.ParentPid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000002).AddMilliseconds(500), table.StartTime(process));
        Assert.True(table.IsAlive(5001));
        Assert.Null(table.Get(5002));
    }

    // pppd 5010 with ip-up (5011), pptp (5012), a finished ip-up (zombie 5013) and a grandchild (5014).
    private static FakeSystem PppdWithChildren() => new FakeSystem()
        .Pppd(5010, "call", "myvpn")
        .Process(5011, ["/bin/sh", "/etc/ppp/ip-up", "ppp0"], parentPid: 5010)
        .Process(5012, ["pptp", "vpn.example.com", "--nolaunchpppd"], parentPid: 5010)
        .Process(5013, ["/bin/sh", "/etc/ppp/ip-up", "ppp1"], parentPid: 5010, state: 'Z')
        .Process(5014, ["sleep", "1"], parentPid: 5011);

    [Fact]
    public void I_can_list_the_children_of_a_process()
    {
        using var sys = PppdWithChildren();

        Assert.Equal([5011, 5012], new ProcessTable(sys.Paths).ChildrenOf(5010).Select(p => p.Pid).Order());
    }

    [Fact]
    public void Where_the_kernel_lists_a_process_s_children_only_those_are_read()
    {
        // 5012 claims 5010 as its parent but is in no task's list: the kernel's lists are taken, not a scan.
        using var sys = PppdWithChildren()
            .File_("/proc/5010/task/5010/children", "5011 5013 ")
            .File_("/proc/5010/task/5020/children", "");

        Assert.Equal([5011], new ProcessTable(sys.Paths).ChildrenOf(5010).Select(p => p.Pid));
    }

    [Fact]
    public void The_real_proc_shows_this_test_process()
    {
        var table = new ProcessTable(new PppTui.Core.Files.SystemPaths("/"));

        var self = table.Get(Environment.ProcessId);

        Assert.NotNull(self);
        Assert.NotEmpty(self!.CommandLine);
        Assert.NotNull(table.StartTime(self));
        Assert.Contains(table.All(), p => p.Pid == Environment.ProcessId);
        Assert.Contains(table.ChildrenOf(self.ParentPid!.Value), p => p.Pid == Environment.ProcessId);
        Assert.StartsWith("net:[", table.NetworkNamespace("self"));
        Assert.Equal(table.NetworkNamespace("self"), table.NetworkNamespace(Environment.ProcessId.ToString()));
    }
}
