namespace PppTui.Tests.Hardening;

/// <summary>
/// Odd things a hostile or careless admin leaves in /etc/ppp (named pipes, folders and symbolic
/// links where files belong): ppptui names them, never hangs on them, and writes nothing outside
/// --root through them.
/// </summary>
public sealed class HostileFilesTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Peers = "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\n";

    private readonly CliRunner _cli = new();
    private readonly List<string> _outside = [];

    public void Dispose()
    {
        _cli.Dispose();
        foreach (var path in _outside) File.Delete(path);
    }

    private void MakeFifo(string systemPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.PathOf(systemPath))!);
        using var mkfifo = Process.Start("mkfifo", _cli.PathOf(systemPath));
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    // Run on another thread so that a verb blocked on a pipe fails the test instead of hanging it.
    private CliOutcome RunBounded(params string[] args)
    {
        var run = Task.Run(() => _cli.Run(args));
        Assert.True(run.Wait(TimeSpan.FromMinutes(2)), "ppptui " + string.Join(' ', args) + " is still waiting on the pipe");
        return run.Result;
    }

    [Fact]
    public void A_named_pipe_in_the_peers_folder_is_left_out_of_list_and_import_names_it()
    {
        _cli.Write("/etc/ppp/peers/office", Peers);
        MakeFifo("/etc/ppp/peers/pipe");

        var list = RunBounded("list");
        var import = RunBounded("import", "pipe");

        Assert.Equal(ExitCodes.Ok, list.ExitCode);
        Assert.DoesNotContain("pipe", list.Out);
        Assert.NotEqual(ExitCodes.Ok, import.ExitCode);
        Assert.Contains("a named pipe or a socket, not a file", import.Error);
    }

    [Fact]
    public void A_named_pipe_as_chap_secrets_is_named_instead_of_hanging_import()
    {
        _cli.Write("/etc/ppp/peers/office", Peers);
        MakeFifo("/etc/ppp/chap-secrets");

        var import = RunBounded("import", "office");

        Assert.Contains("is a named pipe or a socket, not a file", import.Out + import.Error);
    }

    [Fact]
    public void Importing_a_folder_in_the_peers_folder_says_it_is_a_folder_not_that_it_does_not_exist()
    {
        Directory.CreateDirectory(_cli.PathOf("/etc/ppp/peers/adir"));

        var import = _cli.Run("import", "adir");

        Assert.Equal(ExitCodes.Invalid, import.ExitCode);
        Assert.Contains("/etc/ppp/peers/adir is a folder, not a peers file", import.Error);
        Assert.DoesNotContain("does not exist", import.Error);
    }

    [Fact]
    public void A_chap_secrets_linked_to_a_file_inside_the_root_gets_the_password_there_and_stays_a_link()
    {
        _cli.Write("/etc/ppp/peers/office", Peers);
        _cli.Write("/etc/secrets/chap", "bob * x *\n", Private);
        File.CreateSymbolicLink(_cli.PathOf("/etc/ppp/chap-secrets"), "../secrets/chap");
        Assert.Equal(ExitCodes.Ok, _cli.Run("import", "office").ExitCode);

        var set = _cli.RunWithInput("s3cret\n", "set", "office", "--password-stdin");

        Assert.Equal(ExitCodes.Ok, set.ExitCode);
        Assert.NotNull(new FileInfo(_cli.PathOf("/etc/ppp/chap-secrets")).LinkTarget);
        Assert.Equal("bob * x *\nalice office s3cret\n", _cli.Read("/etc/secrets/chap").Replace("\t", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_peers_file_linked_outside_the_root_is_refused_and_the_outside_file_is_untouched()
    {
        var outside = Path.Join(Path.GetTempPath(), "ppptui-outside-" + Guid.NewGuid().ToString("N"));
        _outside.Add(outside);
        File.WriteAllText(outside, "pty \"pptp 192.0.2.9 --nolaunchpppd\"\nname alice\n");
        File.CreateSymbolicLink(_cli.PathOf("/etc/ppp/peers/office"), outside);
        Assert.Equal(ExitCodes.Ok, _cli.Run("import", "office").ExitCode);

        var set = _cli.Run("set", "office", "--mtu", "1300", "--apply");

        Assert.NotEqual(ExitCodes.Ok, set.ExitCode);
        Assert.Contains("outside --root", set.Error);
        Assert.Equal("pty \"pptp 192.0.2.9 --nolaunchpppd\"\nname alice\n", File.ReadAllText(outside));
        Assert.NotNull(new FileInfo(_cli.PathOf("/etc/ppp/peers/office")).LinkTarget);
    }
}
