package org.defrost.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.onnx.proto.OnnxProto.AttributeProto;
import org.defrost.onnx.proto.OnnxProto.GraphProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.onnx.proto.OnnxProto.TensorProto;
import org.defrost.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * An ONNX graph read as a single chain: one data input, one output, and nodes each of which takes the previous
 * node's output plus constant tensors (initializers, {@code Constant} nodes, or {@code Identity} nodes of a
 * constant). Anything else (a value read by two nodes, a node combining two computed values, a node off the
 * chain, several inputs or outputs) is a branching graph and is rejected with the nodes involved named. Constant
 * tensors stored outside the file are rejected here too, before any operator is looked at.
 */
final class OnnxChain {
    private final ValueInfoProto input;
    private final ValueInfoProto output;
    private final List<NodeProto> nodes;
    private final Map<String, TensorProto> constants;

    private OnnxChain(ValueInfoProto input, ValueInfoProto output, List<NodeProto> nodes,
                      Map<String, TensorProto> constants) {
        this.input = input;
        this.output = output;
        this.nodes = nodes;
        this.constants = constants;
    }

    /** The chain of {@code graph}, in execution order from the data input to the output. */
    static OnnxChain of(GraphProto graph) throws OnnxImportException {
        Map<String, TensorProto> constants = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        List<NodeProto> computing = new ArrayList<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getDomain().isEmpty()) {
                constants.put(n.getOutput(0), constantValue(n));
            } else if (n.getOpType().equals("Identity") && n.getDomain().isEmpty() && n.getInputCount() == 1
                    && constants.containsKey(n.getInput(0))) {
                // PyTorch shares equal initializers this way (a fresh BatchNorm's running_var = its weight)
                constants.put(n.getOutput(0), constants.get(n.getInput(0)).toBuilder().setName(n.getOutput(0)).build());
            } else {
                computing.add(n);
            }
        }
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : computing) {
            for (String in : n.getInputList()) {
                if (in.isEmpty()) {
                    continue; // an omitted optional input
                }
                List<NodeProto> readers = consumers.computeIfAbsent(in, k -> new ArrayList<>());
                if (!readers.contains(n)) {
                    readers.add(n); // once, even when the node reads the value twice
                }
            }
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
        }
        for (TensorProto t : constants.values()) {
            if (Tensors.isExternal(t)) {
                throw new OnnxImportException("tensor '" + t.getName() + "' (used by "
                        + labels(consumers.getOrDefault(t.getName(), List.of())) + ") is stored as external data"
                        + " in a separate file; defrost imports self-contained models only: save the model with"
                        + " onnx.save_model(model, path, save_as_external_data=False)");
            }
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!constants.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxImportException("the graph has " + inputs.size() + " data inputs " + names(inputs)
                    + "; defrost imports a chain with exactly one input, a batch of feature rows");
        }
        if (graph.getOutputCount() != 1) {
            throw new OnnxImportException("the graph has " + graph.getOutputCount() + " outputs "
                    + names(graph.getOutputList()) + "; defrost imports a chain with exactly one output");
        }
        String end = graph.getOutput(0).getName();
        List<NodeProto> chain = new ArrayList<>();
        Set<NodeProto> visited = new HashSet<>();
        String current = inputs.get(0).getName();
        while (!current.equals(end)) {
            List<NodeProto> next = consumers.getOrDefault(current, List.of());
            String origin = producers.containsKey(current) ? " (output of " + label(producers.get(current)) + ")"
                    : " (the graph input)";
            if (next.isEmpty()) {
                throw new OnnxImportException("value '" + current + "'" + origin + " is read by no node and is"
                        + " not the graph output '" + end + "'");
            }
            if (next.size() > 1) {
                throw new OnnxImportException("branching graph: value '" + current + "'" + origin + " is read by "
                        + next.size() + " nodes: " + labels(next) + "; defrost imports a single chain where"
                        + " each node feeds the next");
            }
            NodeProto node = next.get(0);
            if (!visited.add(node)) {
                throw new OnnxImportException("the graph has a cycle through " + label(node));
            }
            checkSingleDataInput(node, current, constants, producers);
            checkSingleOutput(node, consumers, end);
            chain.add(node);
            current = node.getOutput(0);
        }
        for (NodeProto n : computing) {
            if (!visited.contains(n)) {
                throw new OnnxImportException("branching graph: " + label(n) + " is not on the chain from input '"
                        + inputs.get(0).getName() + "' to output '" + end + "'");
            }
        }
        return new OnnxChain(inputs.get(0), graph.getOutput(0), chain, constants);
    }

    /** The data input (its declared type and shape). */
    ValueInfoProto input() {
        return input;
    }

    /** The graph output. */
    ValueInfoProto output() {
        return output;
    }

    /** The computing nodes in order ({@code Constant} nodes excluded). */
    List<NodeProto> nodes() {
        return nodes;
    }

    /** The constant tensor named {@code name}, or null when the value is computed. */
    TensorProto constant(String name) {
        return constants.get(name);
    }

    /** {@code name (OpType)}, how messages and the layer mapping refer to a node. */
    static String label(NodeProto n) {
        String name = n.getName().isEmpty() ? "<unnamed, output '" + n.getOutput(0) + "'>" : "'" + n.getName() + "'";
        return "node " + name + " (" + n.getOpType() + ")";
    }

    private static String labels(List<NodeProto> nodes) {
        List<String> out = new ArrayList<>();
        for (NodeProto n : nodes) {
            out.add(label(n));
        }
        return String.join(", ", out);
    }

    private static String names(List<ValueInfoProto> values) {
        List<String> out = new ArrayList<>();
        for (ValueInfoProto v : values) {
            out.add("'" + v.getName() + "'");
        }
        return out.toString();
    }

    private static void checkSingleDataInput(NodeProto node, String current, Map<String, TensorProto> constants,
                                             Map<String, NodeProto> producers) throws OnnxImportException {
        int uses = 0;
        for (String in : node.getInputList()) {
            if (in.equals(current)) {
                uses++;
            } else if (!in.isEmpty() && !constants.containsKey(in)) {
                NodeProto p = producers.get(in);
                throw new OnnxImportException("branching graph: " + label(node) + " combines '" + current
                        + "' with '" + in + "'" + (p == null ? ", a second graph input" : ", computed by " + label(p))
                        + " (a skip or residual connection?); defrost imports a single chain");
            }
        }
        if (uses > 1) {
            throw new OnnxImportException("branching graph: " + label(node) + " reads '" + current + "' "
                    + uses + " times; defrost imports a single chain");
        }
    }

    private static void checkSingleOutput(NodeProto node, Map<String, List<NodeProto>> consumers, String end)
            throws OnnxImportException {
        for (int i = 1; i < node.getOutputCount(); i++) {
            String extra = node.getOutput(i);
            if (!extra.isEmpty() && (consumers.containsKey(extra) || extra.equals(end))) {
                throw new OnnxImportException("branching graph: output " + i + " '" + extra + "' of " + label(node)
                        + " is used; defrost follows only a node's first output");
            }
        }
    }

    private static TensorProto constantValue(NodeProto n) throws OnnxImportException {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) {
                return a.getT().toBuilder().setName(n.getOutput(0)).build();
            }
        }
        throw new OnnxImportException(label(n) + " has no tensor 'value' attribute; defrost reads Constant nodes"
                + " holding a tensor only");
    }
}
