using System;
using System.Diagnostics;
using System.Threading;

namespace NetGen.Numerics;

/// <summary>
/// One background thread that takes part of a large <see cref="Gemm"/> product (about half) while the caller
/// computes the rest. It allocates nothing per product. It serves one caller at a time: a caller that finds it busy
/// (another network on another thread) computes everything itself, so independent networks never wait on each
/// other. After a product it keeps spinning briefly, because a training step asks again within microseconds;
/// then it sleeps until woken. A caller that finishes its own half before the worker has picked up the other
/// takes it back and computes it too, so a busy or descheduled worker never holds the caller up.
/// </summary>
public static class SecondCore
{
    private const int Idle = 0, Posted = 1, Running = 2, Done = 3;
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly object StartLock = new();
    private static GemmJob s_job;
    private static int s_state, s_owned, s_sleeping;
    private static Thread? s_thread;
    private static Exception? s_failure;

    /// <summary>
    /// Whether large products use a second core. On by default on machines with more than one processor;
    /// turn it off when every core already runs its own network (for example one clone per worker thread).
    /// </summary>
    public static bool Enabled { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>Hands <paramref name="job"/> to the worker if it is enabled and free; the caller must then call <see cref="Wait"/>.</summary>
    internal static bool TryStart(in GemmJob job)
    {
        if (!Enabled || Interlocked.CompareExchange(ref s_owned, 1, 0) != 0) return false;
        EnsureThread();
        s_job = job;
        Interlocked.Exchange(ref s_state, Posted); // a full fence: the job is visible before the state
        if (Interlocked.CompareExchange(ref s_sleeping, 0, 1) == 1) Wake.Release();
        return true;
    }

    /// <summary>
    /// Finishes the job handed over by <see cref="TryStart"/>: computes it here if the worker has not started it,
    /// else waits for it; then frees the worker and rethrows its failure if any. Returns whether the caller was
    /// held up (it waited, or took the job back), so that the next split can give the caller more.
    /// </summary>
    internal static bool Wait()
    {
        if (Interlocked.CompareExchange(ref s_state, Idle, Posted) == Posted)
        {
            GemmJob job = s_job;
            Volatile.Write(ref s_owned, 0);
            job.Execute();
            return true;
        }
        bool waited = Volatile.Read(ref s_state) != Done;
        while (Volatile.Read(ref s_state) != Done) { } // the worker is running: its half takes microseconds
        Exception? failure = s_failure;
        s_failure = null;
        Volatile.Write(ref s_state, Idle);
        Volatile.Write(ref s_owned, 0);
        if (failure is not null) throw new InvalidOperationException("The second core failed while computing its half of a product.", failure);
        return waited;
    }

    private static void EnsureThread()
    {
        if (s_thread is not null) return;
        lock (StartLock)
        {
            if (s_thread is not null) return;
            var thread = new Thread(Work) { IsBackground = true, Name = "NetGen second core" };
            thread.Start();
            s_thread = thread;
        }
    }

    private static void Work()
    {
        while (true)
        {
            if (!AwaitPosted() || Interlocked.CompareExchange(ref s_state, Running, Posted) != Posted) continue; // taken back
            try { s_job.Execute(); }
            catch (Exception e) { s_failure = e; }
            Volatile.Write(ref s_state, Done);
        }
    }

    /// <summary>Spins for a job for a short while, then sleeps; true when a job is posted.</summary>
    private static bool AwaitPosted()
    {
        long until = Stopwatch.GetTimestamp() + SpinTicks;
        while (Stopwatch.GetTimestamp() < until)
        {
            // A plain read loop, not Thread.SpinWait: on virtual machines the PAUSE instruction inside SpinWait lets the
            // hypervisor deschedule the spinning virtual CPU, and waking it again costs more than the job saves.
            for (int i = 0; i < 64; i++)
                if (Volatile.Read(ref s_state) == Posted) return true;
        }
        Interlocked.Exchange(ref s_sleeping, 1);
        if (Volatile.Read(ref s_state) == Posted)
        {
            // Posted between the last look and going to sleep; if the poster also saw us asleep it released the
            // semaphore, which makes one later wait return early: harmless, the loop looks again.
            Interlocked.Exchange(ref s_sleeping, 0);
            return true;
        }
        Wake.Wait();
        return Volatile.Read(ref s_state) == Posted;
    }
}
