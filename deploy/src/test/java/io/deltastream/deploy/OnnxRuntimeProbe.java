package io.deltastream.deploy;

import ai.onnxruntime.OrtEnvironment;

/**
 * Run in a JVM of its own by {@link ContainerImageTest}: creating the ONNX runtime's environment loads its natives
 * (libonnxruntime and its JNI bridge) from the jar on the class path, or fails.
 */
public final class OnnxRuntimeProbe {
    /** Printed, followed by the execution providers, once the natives are loaded. */
    static final String LOADED = "onnxruntime loaded, providers: ";

    private OnnxRuntimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        OrtEnvironment.getEnvironment();
        System.out.println(LOADED + OrtEnvironment.getAvailableProviders());
    }
}
