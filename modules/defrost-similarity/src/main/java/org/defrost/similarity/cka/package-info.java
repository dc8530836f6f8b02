/** Centred kernel alignment: linear, debiased (unbiased HSIC) and RBF-kernel CKA. */
package org.defrost.similarity.cka;
