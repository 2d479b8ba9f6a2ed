/*
 * W3 in plain C: one online SGD step (forward, MSE, backward, update) on 32-64-64-8, tanh hidden layers,
 * linear output -- the same math as NetGen's TanhMlp.TrainStep and PlainMlp.TrainStep, written the way
 * anyone would in C: fixed sizes, one array per tensor, scalar loops, tanhf from libm. Parameters and
 * gradients in NetGen's layout (per layer W [out, in] row-major, then b). Built by NetGen.Benchmarks.csproj
 * when gcc is present:  gcc -O3 -march=native -fPIC -shared -o libw3plain.so w3_plain.c -lm
 * (no -ffast-math: like the C# code, float sums keep their order, so gcc does not vectorise the dot
 * products; it does vectorise the element-wise loops and the rank-1 updates).
 */
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define N0 32
#define N1 64
#define N2 64
#define N3 8
#define W1 0
#define B1 (W1 + N1 * N0)
#define W2 (B1 + N1)
#define B2 (W2 + N2 * N1)
#define W3 (B2 + N2)
#define B3 (W3 + N3 * N2)
#define PARAMETERS (B3 + N3)

typedef struct w3_net
{
    float parameters[PARAMETERS];
    float gradients[PARAMETERS];
    float a0[N0], z1[N1], a1[N1], z2[N2], a2[N2], z3[N3], a3[N3];
    float d1[N1], d2[N2], d3[N3];
} w3_net;

w3_net *w3_create(void)
{
    w3_net *net = aligned_alloc(64, (sizeof(w3_net) + 63) / 64 * 64);
    if (net) memset(net, 0, sizeof(w3_net));
    return net;
}

void w3_destroy(w3_net *net) { free(net); }
float *w3_parameters(w3_net *net) { return net->parameters; }
float *w3_gradients(w3_net *net) { return net->gradients; }
int w3_parameter_count(void) { return PARAMETERS; }

/* z = W x + b; a = tanh(z) or z. */
static void dense_forward(const float *w, const float *b, const float *x, int inputs, int outputs, float *z, float *a, int tanh_activation)
{
    for (int o = 0; o < outputs; o++)
    {
        float sum = b[o];
        for (int i = 0; i < inputs; i++) sum += w[o * inputs + i] * x[i];
        z[o] = sum;
        a[o] = tanh_activation ? tanhf(sum) : sum;
    }
}

/* grad b += d; grad W += d x^T; dx = W^T d (if dx is not NULL). */
static void dense_backward(const float *w, float *gw, float *gb, const float *x, const float *d, int inputs, int outputs, float *dx)
{
    for (int o = 0; o < outputs; o++)
    {
        gb[o] += d[o];
        for (int i = 0; i < inputs; i++) gw[o * inputs + i] += d[o] * x[i];
    }
    if (dx)
    {
        for (int i = 0; i < inputs; i++) dx[i] = 0.0f;
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++) dx[i] += w[o * inputs + i] * d[o];
    }
}

static void forward(w3_net *net, const float *input)
{
    const float *p = net->parameters;
    memcpy(net->a0, input, sizeof(net->a0));
    dense_forward(p + W1, p + B1, net->a0, N0, N1, net->z1, net->a1, 1);
    dense_forward(p + W2, p + B2, net->a1, N1, N2, net->z2, net->a2, 1);
    dense_forward(p + W3, p + B3, net->a2, N2, N3, net->z3, net->a3, 0);
}

void w3_forward(w3_net *net, const float *input, float *output)
{
    forward(net, input);
    memcpy(output, net->a3, sizeof(net->a3));
}

/* Zero the gradients, forward, MSE, backward, p -= lr * grad; returns the loss. */
float w3_train_step(w3_net *net, const float *input, const float *target, float learning_rate)
{
    float *p = net->parameters, *g = net->gradients;
    memset(g, 0, sizeof(net->gradients));
    forward(net, input);

    float loss = 0.0f;
    for (int o = 0; o < N3; o++)
    {
        float difference = net->a3[o] - target[o];
        loss += difference * difference;
        net->d3[o] = 2.0f * difference / N3;
    }
    loss /= N3;

    dense_backward(p + W3, g + W3, g + B3, net->a2, net->d3, N2, N3, net->d2);
    for (int i = 0; i < N2; i++) net->d2[i] *= 1.0f - net->a2[i] * net->a2[i];
    dense_backward(p + W2, g + W2, g + B2, net->a1, net->d2, N1, N2, net->d1);
    for (int i = 0; i < N1; i++) net->d1[i] *= 1.0f - net->a1[i] * net->a1[i];
    dense_backward(p + W1, g + W1, g + B1, net->a0, net->d1, N0, N1, NULL);

    for (int k = 0; k < PARAMETERS; k++) p[k] -= learning_rate * g[k];
    return loss;
}
