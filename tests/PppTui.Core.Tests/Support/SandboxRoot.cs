namespace PppTui.Core.Tests.Support;

/// <summary>A throwaway --root folder with helpers to lay files into it.</summary>
public sealed class SandboxRoot : IDisposable
{
    public SandboxRoot()
    {
        Root = Path.Join(Path.GetTempPath(), "ppptui-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Join(Root, "etc", "ppp", "peers"));
        Paths = new SystemPaths(Root);
    }

    public string Root { get; }
    public SystemPaths Paths { get; }

    public string PathOf(string systemPath) => Paths.Under(systemPath);

    public void Write(string systemPath, string text, UnixFileMode? mode = null)
    {
        var full = PathOf(systemPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, System.Text.Encoding.UTF8.GetBytes(text));
        if (mode is { } m) File.SetUnixFileMode(full, m);
    }

    public string Read(string systemPath) => File.ReadAllText(PathOf(systemPath));

    public byte[] Bytes(string systemPath) => File.ReadAllBytes(PathOf(systemPath));

    public bool Exists(string systemPath) => File.Exists(PathOf(systemPath));

    /// <summary>The field report's four files, with a documentation address for the redacted server.</summary>
    public void WriteFieldReportFiles()
    {
        Write("/etc/ppp/peers/myvpn", SeedFiles.Peers);
        Write("/etc/ppp/chap-secrets", SeedFiles.ChapSecrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Write("/etc/ppp/options", SeedFiles.Options);
        Write("/etc/ppp/options.pptp", SeedFiles.OptionsPptp);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The field report's files (the server and credentials it redacted are filled in).</summary>
public static class SeedFiles
{
    public const string Peers =
        "remotename myvpn\nlinkname myvpn\nipparam myvpn\npty \"pptp 192.0.2.1 --nolaunchpppd --loglevel 0\"\nlock\nnodeflate\nname alice\nusepeerdns\nrequire-mppe\nnoauth\nrequire-mppe-128\ndefaultroute\nmtu 1416 #critical!!!\n";

    public const string ChapSecrets =
        "# Secrets for authentication using CHAP\n# client\tserver\tsecret\t\t\tIP addresses\nalice myvpn s3cret-Pass *\nbob * other-secret *\n";

    public const string Options =
        "lcp-echo-failure 10\nlcp-echo-interval 10\nlock\ncrtscts\nnodeflate\npersist\nasyncmap 0\nnoauth\nhide-password\nnoipx\n";

    public const string OptionsPptp =
        "lock\nnoauth\nrefuse-pap\nrefuse-eap\nrefuse-chap\nrefuse-mschap\nnobsdcomp\nnodeflate\nrequire-mppe-128\nipparam myvpn\ndefaultroute\n";
}

/// <summary>Finds the shared corpus beside the repository, when it is there.</summary>
public static class Corpus
{
    public static string? Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Join(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
            if (dir?.Parent is null) return null;
            var corpus = Path.Join(dir.Parent.FullName, "shared", "corpus");
            return System.IO.Directory.Exists(corpus) ? corpus : null;
        }
    }

    public static IEnumerable<string> Files(string kind) =>
        Directory is { } root && System.IO.Directory.Exists(Path.Join(root, kind))
            ? System.IO.Directory.EnumerateFiles(Path.Join(root, kind)).Order(StringComparer.Ordinal)
            : [];
}
