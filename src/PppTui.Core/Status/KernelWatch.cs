using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PppTui.Core.Status;

/// <summary>
/// The kernel's interfaces, addresses and routes, kept current by its change notices: what the
/// link model wakes on instead of polling. <see cref="KernelWatch"/> is the real one.
/// </summary>
public interface IKernelNotices : IDisposable
{
    /// <summary>The kernel's tables, complete once <see cref="Ready"/>.</summary>
    KernelTables Tables { get; }

    /// <summary>True while <see cref="Tables"/> holds a whole dump and every change since.</summary>
    bool Ready { get; }

    /// <summary>Raised after the first dump and after every change of an interface, address or route.</summary>
    event Action? Changed;

    /// <summary>Raised when the notices stop for good (readers fall back to polling).</summary>
    event Action<Exception>? Failed;
}

/// <summary>
/// An rtnetlink socket (AF_NETLINK, NETLINK_ROUTE) subscribed to link, address and route changes
/// of IPv4 and IPv6: it dumps the kernel's tables once into <see cref="Tables"/>, then applies each
/// change the kernel sends and raises <see cref="Changed"/>. It sleeps in the socket's receive
/// between changes, so an idle system costs nothing, and a change is known the moment it happens
/// instead of at the next poll of <c>ip</c>. .NET's Socket has no AF_NETLINK, so the socket is made
/// and bound through libc and then handed to a Socket for asynchronous receives.
/// </summary>
public sealed partial class KernelWatch : IKernelNotices
{
    private const int AfNetlink = 16;
    private const int SockRaw = 3;
    private const int SockCloexec = 0x80000;
    private const int NetlinkRoute = 0;
    // RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_IFADDR | RTMGRP_IPV6_ROUTE
    private const uint Groups = 0x1 | 0x10 | 0x40 | 0x100 | 0x400;
    private const int Enobufs = 105;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private uint _sequence;
    private volatile bool _ready;

    private KernelWatch(Socket socket) => _socket = socket;

    /// <summary>The kernel's interfaces, addresses and main-table routes, complete once <see cref="Ready"/>.</summary>
    public KernelTables Tables { get; } = new();

    /// <summary>True once the first dump is in <see cref="Tables"/>; false again while a dump after lost messages runs.</summary>
    public bool Ready => _ready;

    /// <summary>Raised on the socket's thread after the first dump and after every change of an interface, address or route.</summary>
    public event Action? Changed;

    /// <summary>Raised when the socket fails for good (the watch stops; readers fall back to their polling).</summary>
    public event Action<Exception>? Failed;

    /// <summary>Opens and subscribes the socket and starts reading it in the background; null where rtnetlink is not available (not Linux, a sandbox without it).</summary>
    public static KernelWatch? TryStart()
    {
        if (Open(Groups) is not { } socket) return null;
        var watch = new KernelWatch(socket);
        _ = Task.Run(watch.RunAsync);
        return watch;
    }

    /// <summary>
    /// The kernel's tables read once (one socket, no subscription, closed again): what a single
    /// status read takes instead of running <c>ip</c> several times. Null where rtnetlink is not
    /// available or the kernel refused the dump, so the caller runs <c>ip</c> after all.
    /// </summary>
    public static async Task<KernelTables?> TryReadAsync(CancellationToken cancellationToken = default)
    {
        if (Open(0) is not { } socket) return null;
        using var once = new KernelWatch(socket);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, once._stop.Token);
        try
        {
            await once.DumpAsync(new byte[64 * 1024]).WaitAsync(linked.Token).ConfigureAwait(false);
            return once.Tables;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    // Made and bound through libc: .NET's Socket cannot create an AF_NETLINK socket. Null when
    // the kernel (or a seccomp filter) refuses it.
    private static Socket? Open(uint groups)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int fd;
        try
        {
            fd = socket(AfNetlink, SockRaw | SockCloexec, NetlinkRoute);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        if (fd < 0) return null;
        // struct sockaddr_nl { u16 nl_family; u16 nl_pad; u32 nl_pid; u32 nl_groups; }; pid 0: the kernel assigns one.
        Span<byte> address = stackalloc byte[12];
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, AfNetlink);
        BinaryPrimitives.WriteUInt32LittleEndian(address[8..], groups);
        if (bind(fd, address, address.Length) != 0)
        {
            close(fd);
            return null;
        }
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }

    private async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await DumpAsync(buffer).ConfigureAwait(false);
                    _ready = true;
                    Changed?.Invoke();
                    while (!_stop.IsCancellationRequested)
                    {
                        int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        if (Apply(buffer.AsSpan(0, n), 0).Changed) Changed?.Invoke();
                    }
                }
                catch (SocketException e) when (e.ErrorCode == Enobufs || e.NativeErrorCode == Enobufs)
                {
                    // The kernel dropped changes (our buffer overflowed): the tables may be wrong; read them again.
                    _ready = false;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _ready = false;
            Failed?.Invoke(e);
        }
    }

    // Interfaces first, so the addresses and routes that follow can name theirs.
    private async Task DumpAsync(byte[] buffer)
    {
        Tables.Clear();
        await DumpAsync(buffer, 18, 0).ConfigureAwait(false);  // RTM_GETLINK, every family
        await DumpAsync(buffer, 22, 0).ConfigureAwait(false);  // RTM_GETADDR, every family
        await DumpAsync(buffer, 26, 2).ConfigureAwait(false);  // RTM_GETROUTE, IPv4
        await DumpAsync(buffer, 26, 10).ConfigureAwait(false); // RTM_GETROUTE, IPv6
    }

    private async Task DumpAsync(byte[] buffer, ushort type, byte family)
    {
        uint sequence = ++_sequence;
        // nlmsghdr (16 bytes) + rtgenmsg padded to a struct rtmsg (12 bytes, zero but for the family) and aligned: 32 bytes.
        var request = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)request.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), 0x1 | 0x300); // NLM_F_REQUEST | NLM_F_DUMP
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), sequence);
        request[16] = family;
        await _socket.SendAsync(request, SocketFlags.None, _stop.Token).ConfigureAwait(false);
        while (true)
        {
            int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            var (_, done, error) = Apply(buffer.AsSpan(0, n), sequence);
            // A refused dump leaves the tables incomplete: fail rather than show a partial view.
            if (error != 0) throw new SocketException(-error);
            if (done) return;
        }
    }

    // Applies every message of one receive (changes arrive between a dump's parts too); says
    // whether the dump with that sequence number ended, and its error (a negative errno) if the
    // kernel refused it.
    private (bool Changed, bool DumpDone, int DumpError) Apply(ReadOnlySpan<byte> received, uint dumpSequence)
    {
        bool changed = false, done = false;
        int error = 0;
        foreach (var message in RtNetlinkParser.Parse(received))
        {
            if (dumpSequence != 0 && message.Sequence == dumpSequence && message.Kind is RtMessageKind.Done or RtMessageKind.Error)
            {
                done = true;
                if (message.Kind == RtMessageKind.Error) error = message.Error;
            }
            else changed |= Tables.Apply(message);
        }
        return (changed, done, error);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int bind(int fd, ReadOnlySpan<byte> address, int length);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
