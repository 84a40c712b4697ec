using System.IO.Compression;

namespace PppTui.Core.Doctor;

/// <summary>How the running kernel offers a PPP module.</summary>
public enum ModuleAvailability
{
    /// <summary>In /proc/modules or /sys/module: there now.</summary>
    Loaded,
    /// <summary>Compiled into the kernel (modules.builtin, or CONFIG_...=y).</summary>
    BuiltIn,
    /// <summary>A module file exists; the kernel loads it on demand (or modprobe does).</summary>
    Loadable,
    /// <summary>The kernel configuration says it was not built.</summary>
    NotBuilt,
    /// <summary>Built as a module, but the module file is not installed for this kernel.</summary>
    ModuleFileMissing,
    /// <summary>No evidence either way (no config, no module tree, not loaded).</summary>
    Unknown,
}

/// <summary>One PPP kernel module and the evidence for its state.</summary>
public sealed record KernelModuleState(string Module, string ConfigSymbol, ModuleAvailability Availability, string Evidence)
{
    public bool Present => Availability is ModuleAvailability.Loaded or ModuleAvailability.BuiltIn or ModuleAvailability.Loadable;
}

/// <summary>
/// Reads what the running kernel offers for PPP, from files only (so it works under --root and in
/// tests): /proc/modules, /sys/module, /lib/modules/RELEASE (modules.builtin, modules.dep, the
/// .ko files), and the kernel configuration (/proc/config.gz or /boot/config-RELEASE).
/// </summary>
public sealed class KernelSupport
{
    /// <summary>The modules pppd uses and the configuration symbol of each.</summary>
    public static readonly IReadOnlyList<(string Module, string Symbol)> PppModules =
    [
        ("ppp_generic", "CONFIG_PPP"), ("ppp_async", "CONFIG_PPP_ASYNC"),
        ("ppp_mppe", "CONFIG_PPP_MPPE"), ("pppoe", "CONFIG_PPPOE"),
    ];

    private readonly SystemPaths _paths;
    private readonly Dictionary<string, string> _config = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _loaded = new(StringComparer.Ordinal);
    private readonly List<string> _builtin = [];
    private readonly List<string> _moduleFiles = [];

    public KernelSupport(SystemPaths paths)
    {
        _paths = paths;
        Release = (TextFile.ReadOrNull(paths.Under("/proc/sys/kernel/osrelease")) ?? "").Trim();
        ReadConfig();
        ReadLoaded();
        ReadModuleTree();
    }

    /// <summary>uname -r of the running kernel ("" when unknown).</summary>
    public string Release { get; }

    /// <summary>Where the kernel configuration was read (a system path), or null.</summary>
    public string? ConfigSource { get; private set; }

    /// <summary>The module tree for this kernel (a system path), or null when there is none.</summary>
    public string? ModuleTree { get; private set; }

    /// <summary>False when the configuration says CONFIG_MODULES is not set: nothing can be loaded.</summary>
    public bool? CanLoadModules => _config.ContainsKey("CONFIG_MODULES") ? true : _notSet.Contains("CONFIG_MODULES") ? false : null;

    /// <summary>/dev/ppp exists (pppd opens it; it is character device 108,0).</summary>
    public bool DevPppExists => File.Exists(_paths.Under("/dev/ppp"));

    /// <summary>The configuration line of a symbol, e.g. "CONFIG_PPP=m" or "# CONFIG_PPP is not set", or null.</summary>
    public string? ConfigLine(string symbol) =>
        _config.TryGetValue(symbol, out var v) ? $"{symbol}={v}" : _notSet.Contains(symbol) ? $"# {symbol} is not set" : null;

    public KernelModuleState Module(string module, string symbol)
    {
        if (_loaded.TryGetValue(module, out var loadedEvidence))
            return new(module, symbol, ModuleAvailability.Loaded, loadedEvidence);
        var fileName = module + ".ko";
        if (_builtin.FirstOrDefault(b => Path.GetFileName(b) == fileName) is { } builtinLine)
            return new(module, symbol, ModuleAvailability.BuiltIn, $"{ModuleTree}/modules.builtin: {builtinLine}");
        if (_config.TryGetValue(symbol, out var value) && value == "y")
            return new(module, symbol, ModuleAvailability.BuiltIn, $"{ConfigSource}: {symbol}=y");
        if (CanLoadModules != false && _moduleFiles.FirstOrDefault(f => IsModuleFile(f, module)) is { } file)
            return new(module, symbol, ModuleAvailability.Loadable, $"{ModuleTree}/{file}");
        if (_notSet.Contains(symbol))
            return new(module, symbol, ModuleAvailability.NotBuilt, $"{ConfigSource}: # {symbol} is not set");
        if (value == "m")
            return new(module, symbol, ModuleAvailability.ModuleFileMissing,
                $"{ConfigSource}: {symbol}=m, but no {fileName} under {ModuleTree ?? $"/lib/modules/{Release}"}");
        if (ConfigSource is not null && !_config.ContainsKey(symbol))
            // A configuration that does not mention the symbol at all: its parent option is off.
            return new(module, symbol, ModuleAvailability.NotBuilt, $"{ConfigSource}: no {symbol} line");
        var looked = new List<string> { "/proc/modules" };
        looked.Add(ModuleTree ?? $"/lib/modules/{Release}");
        return new(module, symbol, ModuleAvailability.Unknown,
            $"not in {string.Join(" or ", looked)}; no kernel configuration (/proc/config.gz, /boot/config-{Release})");
    }

    private static bool IsModuleFile(string relativePath, string module)
    {
        var name = Path.GetFileName(relativePath);
        return name == module + ".ko" || name.StartsWith(module + ".ko.", StringComparison.Ordinal);
    }

    private void ReadConfig()
    {
        string? text = null;
        var procConfig = _paths.Under("/proc/config.gz");
        if (File.Exists(procConfig))
        {
            try
            {
                using var gz = new GZipStream(File.OpenRead(procConfig), CompressionMode.Decompress);
                using var reader = new StreamReader(gz);
                text = reader.ReadToEnd();
                ConfigSource = "/proc/config.gz";
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                text = null;
            }
        }
        if (text is null && Release.Length > 0)
        {
            text = SafeRead($"/boot/config-{Release}");
            if (text is not null) ConfigSource = $"/boot/config-{Release}";
        }
        if (text is null) return;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(" is not set", StringComparison.Ordinal))
                _notSet.Add(line[2..^" is not set".Length]);
            else if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && line.IndexOf('=') is > 0 and var eq)
                _config[line[..eq]] = line[(eq + 1)..];
        }
    }

    private void ReadLoaded()
    {
        var modules = SafeRead("/proc/modules");
        if (modules is not null)
            foreach (var line in modules.Split('\n'))
            {
                var name = line.Split(' ', 2)[0];
                if (name.Length > 0) _loaded.TryAdd(name, "/proc/modules: " + line.Trim());
            }
        foreach (var (module, _) in PppModules)
            if (!_loaded.ContainsKey(module) && Directory.Exists(_paths.Under("/sys/module/" + module)))
                _loaded[module] = $"/sys/module/{module} exists";
    }

    private void ReadModuleTree()
    {
        if (Release.Length == 0) return;
        foreach (var candidate in new[] { $"/lib/modules/{Release}", $"/usr/lib/modules/{Release}" })
        {
            if (!Directory.Exists(_paths.Under(candidate))) continue;
            ModuleTree = candidate;
            break;
        }
        if (ModuleTree is null) return;
        if (SafeRead(ModuleTree + "/modules.builtin") is { } builtin)
            _builtin.AddRange(builtin.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        if (SafeRead(ModuleTree + "/modules.dep") is { } dep)
        {
            foreach (var line in dep.Split('\n'))
                if (line.IndexOf(':') is > 0 and var colon) _moduleFiles.Add(line[..colon]);
            return;
        }
        // No modules.dep (depmod not run): look where the PPP drivers live.
        var pppDir = _paths.Under(ModuleTree + "/kernel/drivers/net/ppp");
        if (Directory.Exists(pppDir))
            _moduleFiles.AddRange(Directory.EnumerateFiles(pppDir).Select(f => "kernel/drivers/net/ppp/" + Path.GetFileName(f)));
    }

    private string? SafeRead(string systemPath)
    {
        try { return TextFile.ReadOrNull(_paths.Under(systemPath)); }
        catch (Exception ex) when (ex is PppTuiException or IOException or UnauthorizedAccessException) { return null; }
    }
}
